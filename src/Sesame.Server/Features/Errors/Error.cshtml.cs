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
    private static readonly int[] Known = [400, 403, 404, 405, 409, 429, 500];

    public string TitleKey { get; private set; } = "Error.500.Title";

    public string TextKey { get; private set; } = "Error.500.Text";

    /// <summary>
    /// The OAuth error of a request that could not be sent back to its service (OpenIddict answers errors found
    /// before the redirect_uri is validated here rather than redirecting), for the person to pass on.
    /// </summary>
    public string? ProtocolError { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    // No model binding here: a re-executed form may be unreadable (ASP.NET Core refuses a whole form that
    // holds a NUL character), so the status comes from the re-execution or the route.
    private PageResult Show()
    {
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        int? code = reExecuted?.OriginalStatusCode
            ?? (int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var routed) ? routed : null);
        var status = code is { } c && Known.Contains(c) ? c : code is >= 400 and < 500 ? 400 : 500;
        ProtocolError = Microsoft.AspNetCore.OpenIddictServerAspNetCoreHelpers.GetOpenIddictServerResponse(HttpContext)?.Error;
        TitleKey = $"Error.{status}.Title";
        TextKey = $"Error.{status}.Text";
        if (reExecuted is null)
        {
            Response.StatusCode = code ?? 500;
        }

        return Page();
    }
}
