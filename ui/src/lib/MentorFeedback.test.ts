import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import MentorFeedback from "./MentorFeedback.svelte";
import type { ReceiptPreviewView } from "../ipc";
import { receiptPreview } from "../test/fake";

function shown(preview: ReceiptPreviewView) {
  const accepted: [string, boolean][] = [];
  render(MentorFeedback, {
    lang: "nl",
    feedback: null,
    today: "2026-11-26",
    requests: ["Feedbackverzoek gemaakt op do 26 nov. 2026 16:00"],
    onconfirm: () => {},
    onrequest: () => {},
    onreceipt: async () => preview,
    onaccept: (fingerprint: string, compared: boolean) => accepted.push([fingerprint, compared]),
  });
  return accepted;
}

describe("a mentor's receipt", () => {
  it("shows the key's fingerprint and is accepted only once the student compared it", async () => {
    const accepted = shown(receiptPreview);
    await fireEvent.click(screen.getByTestId("read-receipt"));
    expect((await screen.findByTestId("receipt-fingerprint")).textContent).toBe("AB12 CD34 EF56 7890");
    expect(screen.getByTestId("receipt-dates").textContent).toContain("feedback verwacht uiterlijk di 8 dec. 2026");
    const accept = screen.getByTestId("accept-receipt") as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("receipt-compared"));
    expect(accept.disabled).toBe(false);
    await fireEvent.click(accept);
    expect(accepted).toEqual([["AB12 CD34 EF56 7890", true]]);
  });

  it("takes a known key without a new comparison", async () => {
    const accepted = shown({ ...receiptPreview, key_kind: "known", needs_comparison: false, key_note: "Dezelfde sleutel." });
    await fireEvent.click(screen.getByTestId("read-receipt"));
    await screen.findByTestId("receipt-preview");
    expect(screen.queryByTestId("receipt-compared")).toBeNull();
    await fireEvent.click(screen.getByTestId("accept-receipt"));
    expect(accepted).toEqual([["AB12 CD34 EF56 7890", true]]);
  });
});
