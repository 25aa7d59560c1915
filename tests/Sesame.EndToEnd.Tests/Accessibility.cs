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
