using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Sesame.Server.Features.Shared;

namespace Sesame.Server.Features.Organizations;

/// <summary>
/// A page for signed-in professionals: someone not signed in is sent to the professional sign-in (not the
/// citizens' one) and comes back here afterwards.
/// </summary>
public abstract class ProfessionalPageModel : SesamePageModel
{
    public const string SignInPath = "/professionnels/connexion";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            var back = Request.Path + Request.QueryString;
            context.Result = Redirect($"{SignInPath}?retour={Uri.EscapeDataString(back)}");
            return;
        }

        await next();
    }
}
