using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// A page of "Gérer votre compte" that is the citizens' alone: their e-mail, proofing, services, sessions and closure
/// (decision 0014). A professional who reaches one is sent to "Mes organisations", their account page; of these
/// pages they use only the sign-in methods and the confirmation before a change (issue 6). The user is looked up
/// once per request: the page's own lookup finds it in the same context.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CitizensOnlyAttribute : Attribute, IAsyncPageFilter, IOrderedFilter
{
    public const string ProfessionalHome = "/organisations";

    /// <summary>Before <see cref="RequireRecentSecondFactorAttribute"/>: no confirmation is asked for a page the person cannot use.</summary>
    public int Order => -1;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true
            && await http.RequestServices.GetRequiredService<UserManager<SesameUser>>().GetUserAsync(http.User) is { Population: AccountPopulation.Professional })
        {
            context.Result = new RedirectResult(ProfessionalHome);
            return;
        }

        await next();
    }
}
