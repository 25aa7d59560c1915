using Microsoft.Playwright;

namespace Sesame.EndToEnd.Tests;

/// <summary>
/// A person without a mouse: moves with Tab only (never by clicking or focusing through the API), so that
/// every control reached is shown to be in the tab order.
/// </summary>
public sealed class KeyboardOnly(IPage page)
{
    /// <summary>More Tab presses than any page of the journeys has stops before its last control.</summary>
    private const int MaxTabs = 40;

    public Task PressAsync(string key) => page.Keyboard.PressAsync(key);

    /// <summary>Presses Tab until the control has the focus; fails if it is never reached.</summary>
    public async Task TabToAsync(ILocator target)
    {
        await target.WaitForAsync();
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{target} was not reached with {MaxTabs} presses of Tab on {page.Url}.");
    }

    public async Task TypeIntoAsync(ILocator field, string text)
    {
        await TabToAsync(field);
        await page.Keyboard.TypeAsync(text);
    }
}
