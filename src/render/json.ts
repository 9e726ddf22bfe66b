// Change report → its versioned JSON form (docs/change-set.md): the form every other renderer reads.
import type { ChangeReport } from "../diff/change-set.ts";

export const renderJson = (report: ChangeReport): string => `${JSON.stringify(report, null, 2)}\n`;
