// Script texts for the views that may show a changed script (the Markdown review comment): the change set keeps
// only hashes (normalisation.ts), and these look a hash up in the texts of the compiled revisions.
export type { ScriptTexts } from "../graph-model/script-content.ts";
export { isScriptHash, SCRIPT_PROPERTIES, scriptTextsOf } from "../graph-model/script-content.ts";
