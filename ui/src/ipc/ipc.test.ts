import { describe, expect, it } from "vitest";
import { applyListChange, backendOver, IpcError, toIpcError } from "./index";
import type { RecordingSummary } from "./index";

describe("backendOver", () => {
  it("calls the snake_case command with its input", async () => {
    const calls: [string, unknown][] = [];
    const backend = backendOver(async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return [] as T;
    });
    await backend.listRecordings();
    await backend.setItem({ recording: "r1", item: "vooraf.live", done: true, note: null });
    await backend.getRecording("r1");
    expect(calls).toEqual([
      ["list_recordings", undefined],
      ["set_item", { input: { recording: "r1", item: "vooraf.live", done: true, note: null } }],
      ["get_recording", { id: "r1" }],
    ]);
  });

  it("turns a core error into an IpcError with its code and Dutch message", async () => {
    const backend = backendOver(async () => {
      throw { code: "recording.not_found", message: "Deze opname bestaat niet (meer)." };
    });
    const err = await backend.getRecording("x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).code).toBe("recording.not_found");
    expect((err as IpcError).message).toBe("Deze opname bestaat niet (meer).");
  });
});

describe("toIpcError", () => {
  it("wraps anything else in a Dutch message with code ipc.failed", () => {
    const err = toIpcError(new Error("connection lost"));
    expect(err.code).toBe("ipc.failed");
    expect(err.message).toContain("connection lost");
    expect(err.message).toMatch(/^Opnamewijs kon deze actie niet uitvoeren/);
  });
});

describe("applyListChange", () => {
  const row = (id: string, title = id) =>
    ({ id, title, planned_for: "", pack: "", verdict: { verdict: null, label: "", reason: "" }, next_deadline: null, overdue: 0, items_done: 0, items_total: 0, closed: false }) as RecordingSummary;

  it("puts a changed row back where the core says and adds a new one", () => {
    const list = [row("a"), row("b"), row("c")];
    const next = applyListChange(list, { kind: "rows", rows: [{ index: 0, summary: row("c", "c*") }, { index: 3, summary: row("d") }] });
    expect(next.map((r) => r.title)).toEqual(["c*", "a", "b", "d"]);
    expect(list.map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("keeps the list when no row changed and takes a whole new list as it is", () => {
    const list = [row("a")];
    expect(applyListChange(list, { kind: "rows", rows: [] })).toBe(list);
    expect(applyListChange(list, { kind: "all", recordings: [row("x")] }).map((r) => r.id)).toEqual(["x"]);
  });
});
