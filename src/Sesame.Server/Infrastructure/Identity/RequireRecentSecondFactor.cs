using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Put on a page that changes how the account is protected or shows what it holds (password, e-mail,
/// factors, export, closure): unless a second factor was presented in this session within the last
/// 20 minutes (issue 5), the person is sent to "/compte/verifier" and comes back here afterwards. A session
/// opened on a trusted browser has presented none.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireRecentSecondFactorAttribute : Attribute, IAsyncPageFilter
{
    public const string VerifyPath = "/compte/verifier";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Demand(context.HttpContext) is { } verify)
        {
            context.Result = verify;
            return;
        }

        await next();
    }

    /// <summary>
    /// The same check for one handler of a page whose other handlers do not need it (closing an account, but not
    /// cancelling the closure): the redirect to re-verify, or null when a second factor is recent.
    /// </summary>
    public static IActionResult? Demand(HttpContext http)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (http.User.Identity?.IsAuthenticated == true && !SessionClaims.HasRecentSecondFactor(http.User, now))
        {
            // Back to the page itself (a GET), not to the form that was posted: the person submits it again.
            return new RedirectResult(QueryHelpers.AddQueryString(VerifyPath, "retour", http.Request.PathBase + http.Request.Path));
        }

        return null;
    }
}
