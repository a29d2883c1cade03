/** Which browser this is, where the page must say something only one kind of phone needs. */

/** An iPhone or iPad (iPadOS says it is a Mac, but a Mac has no touch screen). */
export function isIos(userAgent: string, maxTouchPoints: number): boolean {
  return (
    /iPad|iPhone|iPod/.test(userAgent) || (userAgent.includes("Macintosh") && maxTouchPoints > 1)
  );
}

/** Safari itself on iOS: only there is "Add to Home Screen" the way to Web Push. Chrome,
 * Firefox, Edge and Opera on iOS name themselves (CriOS, FxiOS, EdgiOS, OPiOS), as do apps'
 * in-page browsers that do not say "Safari". */
export function isIosSafari(userAgent: string, maxTouchPoints: number): boolean {
  return (
    isIos(userAgent, maxTouchPoints) &&
    /Safari\//.test(userAgent) &&
    !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\/|YaBrowser|DuckDuckGo/.test(userAgent)
  );
}
