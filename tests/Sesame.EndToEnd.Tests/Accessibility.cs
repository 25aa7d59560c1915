using System.Runtime.CompilerServices;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Sesame.EndToEnd.Tests;

/// <summary>
/// quality.md "Accessibility": zero axe violations of WCAG 2.x levels A and AA on every page of the journeys
/// (WCAG 2.2 AA is what SGQRI 008 3.0 asks).
/// </summary>
public static class Accessibility
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Browsers with JavaScript off, where axe (a script that waits on timers) cannot run.</summary>
    private static readonly ConditionalWeakTable<IBrowserContext, object> Scriptless = [];

    /// <summary>
    /// Marks a browser with JavaScript off: its pages are not scanned. They are the same server-rendered HTML
    /// (Sesame sends no script) that the journeys with JavaScript on scan.
    /// </summary>
    public static void MarkScriptless(IBrowserContext context) => Scriptless.AddOrUpdate(context, context);

    public static bool CanScan(IPage page) => !Scriptless.TryGetValue(page.Context, out _);

    /// <summary>Runs axe on the page as it is now and fails with every violation named.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } };
        var result = await page.RunAxe(options);
        if (result.Violations.Length == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append("axe found ").Append(result.Violations.Length).Append(" WCAG A/AA violation(s) on ").Append(page.Url).AppendLine(":");
        foreach (var violation in result.Violations)
        {
            var targets = violation.Nodes.Take(3).Select(node => node.Target?.ToString() ?? "?");
            message.Append("  - ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").AppendLine(violation.Help)
                .Append("      ").Append(violation.Nodes.Length).Append(" node(s), first: ").AppendLine(string.Join(" | ", targets));
        }

        Assert.Fail(message.ToString());
    }
}
