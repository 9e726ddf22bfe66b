// Issue 16 item 4: the calendar's Markdown carries a Mermaid Gantt chart of the phases and their communications,
// in syntax Mermaid's Gantt grammar accepts (checked here the way its lexer reads a line).
import { describe, expect, it } from "vitest";
import { mermaidText } from "../../src/mermaid-text.ts";
import { renderCalendarMarkdown, rolloutCalendar } from "../../src/reports/calendar.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import type { Plan } from "../../src/plan/schema.ts";

const reference = checkPlan(readPlanInputs(["plan"]).inputs).plan;
if (!reference) throw new Error("reference plan does not validate");

/** The fenced ```mermaid block of a Markdown document, as lines without the fences. */
function ganttOf(markdown: string): string[] {
  const m = /^```mermaid\n([\s\S]*?)\n```$/m.exec(markdown);
  if (!m?.[1]) throw new Error("no mermaid block");
  return m[1].split("\n");
}

/** Mermaid replaces entity codes (`#58;`) before it parses; a placeholder without the special characters stands in. */
const encodeEntities = (line: string): string => line.replace(/#\w+;/g, "ENTITY");

interface Section {
  readonly name: string;
  readonly tasks: { readonly title: string; readonly data: string }[];
}

/** Sections and their tasks, every task line read as Mermaid's lexer does: `[^:\n]+` then `:[^#\n;]+`. */
function sectionsOf(lines: readonly string[]): Section[] {
  const sections: { name: string; tasks: { title: string; data: string }[] }[] = [];
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (/^(title|dateFormat|axisFormat) /.test(line)) continue;
    if (line.startsWith("section ")) {
      sections.push({ name: line.slice("section ".length), tasks: [] });
      continue;
    }
    const task = /^([^:\n]+):([^#\n;]+)$/.exec(encodeEntities(line));
    if (!task) throw new Error(`not a Gantt task line: ${line}`);
    const current = sections.at(-1);
    if (!current) throw new Error(`task before any section: ${line}`);
    current.tasks.push({ title: (task[1] ?? "").trim(), data: (task[2] ?? "").trim() });
  }
  return sections;
}

describe("calendar Markdown: Mermaid Gantt chart", () => {
  const lines = ganttOf(renderCalendarMarkdown(reference));

  it("is a gantt diagram with ISO dates", () => {
    expect(lines[0]).toBe("gantt");
    expect(lines).toContain("  dateFormat YYYY-MM-DD");
  });

  it("has one section per phase, in rollout order, each with its window and every communication as a dated milestone", () => {
    const sections = sectionsOf(lines);
    const calendar = rolloutCalendar(reference);
    expect(sections.map((s) => s.name)).toEqual(calendar.map((p) => p.displayName));
    calendar.forEach((phase, i) => {
      const tasks = sections[i]?.tasks ?? [];
      expect(tasks[0]?.data).toMatch(new RegExp(`^${phase.phase}-window, ${phase.start ?? ""}, \\d+d$`));
      expect(tasks.slice(1).map((t) => [t.title, t.data])).toEqual(
        phase.events.map((e) => [e.title, `milestone, ${e.phase}-${e.step}, ${e.date}, 0d`]),
      );
    });
    expect(sections.flatMap((s) => s.tasks).filter((t) => t.data.startsWith("milestone"))).toHaveLength(25);
  });

  it("runs each phase's window up to the next phase's start", () => {
    const tasks = sectionsOf(lines).map((s) => s.tasks[0]?.data);
    expect(tasks[0]).toBe("limited-pilot-window, 2027-07-05, 14d");
    expect(tasks[1]).toBe("expanded-pilot-window, 2027-07-19, 21d");
  });

  it("escapes colons, '#' and ';' in phase names so that titles and sections stay one token", () => {
    const first = reference.phases[0];
    if (!first) throw new Error("no phase");
    const plan: Plan = {
      ...reference,
      name: "contoso; #2",
      phases: [{ ...first, displayName: "Pilot: wave #1; IT" }, ...reference.phases.slice(1)],
    };
    const chart = ganttOf(renderCalendarMarkdown(plan));
    const sections = sectionsOf(chart);
    expect(sections[0]?.name).toBe("Pilot#58; wave #35;1#59; IT");
    expect(encodeEntities(sections[0]?.name ?? "")).not.toMatch(/[:#;]/);
    expect(encodeEntities(chart.find((l) => l.includes(" title ")) ?? "")).not.toMatch(/[#;]/);
    expect(sections[0]?.tasks).toHaveLength(6);
  });

  it("writes nothing Mermaid would misread, and leaves out phases without a date", () => {
    expect(mermaidText("a:b#c;d\ne")).toBe("a#58;b#35;c#59;d e");
    const undated: Plan = { ...reference, phases: reference.phases.map((p, i) => (i === 0 ? p : { ...p, start: undefined })) };
    expect(sectionsOf(ganttOf(renderCalendarMarkdown(undated))).map((s) => s.name)).toEqual(["Limited pilot"]);
    const none: Plan = { ...reference, phases: reference.phases.map((p) => ({ ...p, start: undefined })) };
    expect(renderCalendarMarkdown(none)).not.toContain("```mermaid");
  });
});
