/**
 * The "Show password" buttons next to password fields (templates/form_fields.html): a toggle
 * that shows what she typed, so a long password typed one-handed can be checked. Without
 * JavaScript the buttons are hidden (noscript.css) and the field stays a password field.
 */

export function initShowPassword(): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>("button[data-show-password]");
  for (const button of buttons) {
    const input = document.getElementById(button.getAttribute("aria-controls") ?? "");
    if (!(input instanceof HTMLInputElement)) continue;
    const show = (visible: boolean) => {
      input.type = visible ? "text" : "password";
      button.setAttribute("aria-pressed", String(visible));
    };
    button.addEventListener("click", () => show(input.type === "password"));
    // Sent as a password field, so the browser does not keep it among remembered text.
    input.form?.addEventListener("submit", () => show(false));
  }
}
