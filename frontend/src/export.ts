/**
 * The Export page and the export progress page: copy a new share link, and follow a background
 * export until its file is ready. (The date fields show only for "Choose dates" by CSS alone,
 * from the first paint: see .field-inline-date in pages/export.css.)
 * Loaded only on those pages; without it the forms still work and the progress page reloads.
 */

const POLL_MS = 1000;

function copyButtons(): void {
  document.querySelectorAll<HTMLButtonElement>("[data-copy-link]").forEach((button) => {
    const input = button.closest(".new-link")?.querySelector<HTMLInputElement>(".share-url");
    if (!input) return;
    input.addEventListener("focus", () => input.select());
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        button.textContent = button.dataset.copied ?? button.textContent;
      } catch {
        input.focus();
      }
    });
  });
}

interface JobStatus {
  state: string;
  label: string;
  progress: number;
  download_url: string | null;
}

function followJob(card: HTMLElement): void {
  const url = card.dataset.exportJob;
  const bar = card.querySelector("progress");
  const state = card.querySelector<HTMLElement>("[data-export-state]");
  const download = card.querySelector<HTMLElement>("[data-export-download]");
  if (!url || !bar || !state || !download) return;
  const poll = async (): Promise<void> => {
    let status: JobStatus;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      status = (await response.json()) as JobStatus;
    } catch {
      window.setTimeout(poll, POLL_MS * 3);
      return;
    }
    bar.value = status.progress;
    state.textContent = status.label;
    if (status.state === "failed") {
      window.location.reload();
    } else if (status.download_url) {
      download.hidden = false;
      download.querySelector("a")?.setAttribute("href", status.download_url);
      window.location.assign(status.download_url);
    } else {
      window.setTimeout(poll, POLL_MS);
    }
  };
  window.setTimeout(poll, POLL_MS);
}

copyButtons();
document.querySelectorAll<HTMLElement>("[data-export-job]").forEach((card) => {
  const state = card.querySelector<HTMLElement>("[data-export-state]");
  if (state && card.querySelector("[data-export-download][hidden]")) followJob(card);
});
