using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests;

public static class PageExpectations
{
    /// <summary>
    /// The page a person now sees: its language (<c>html[lang]</c>) and main heading; then axe, since every
    /// page reached in a journey must have no WCAG A/AA violation (where axe can run: see <see cref="Accessibility.CanScan"/>).
    /// </summary>
    public static async Task ExpectPageAsync(this IPage page, string language, string heading)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        if (Accessibility.CanScan(page))
        {
            await page.AssertAccessibleAsync();
        }
    }

    /// <summary>A notice shown above the page's content (role status).</summary>
    public static Task ExpectNoticeAsync(this IPage page, string text) =>
        Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(text);

    /// <summary>An error shown above the page's content (role alert).</summary>
    public static Task ExpectAlertAsync(this IPage page, string text) =>
        Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(text);

    /// <summary>
    /// The form field with exactly this label; a required field's label ends with an asterisk that is hidden
    /// from assistive technology but still part of the label's text.
    /// </summary>
    public static ILocator Field(this IPage page, string label) =>
        page.GetByLabel(new Regex($@"^{Regex.Escape(label)}\s*\*?$"));

    public static ILocator Button(this IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator Link(this IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>The header's buttons (the language switch of a form, "Se déconnecter").</summary>
    public static ILocator HeaderButton(this IPage page, string name) =>
        page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
