using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sesame.Server.Features.Errors;

/// <summary>
/// The page behind every error status (re-executed by the status-code pages middleware), in the person's
/// language. It keeps the original status code, and answers any method because a rejected form re-executes here.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    private static readonly int[] Known = [400, 403, 404, 405, 429, 500];

    public string TitleKey { get; private set; } = "Error.500.Title";

    public string TextKey { get; private set; } = "Error.500.Text";

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        var status = code is { } c && Known.Contains(c) ? c : code is >= 400 and < 500 ? 400 : 500;
        TitleKey = $"Error.{status}.Title";
        TextKey = $"Error.{status}.Text";
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = code ?? 500;
        }

        return Page();
    }
}
