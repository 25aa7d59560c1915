using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;
using Sesame.Core.Accounts;
using Sesame.Server.Oidc;

namespace Sesame.Server.Features.Connect;

/// <summary>
/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): OpenIddict has checked id_token_hint and
/// post_logout_redirect_uri; Sesame ends the person's session on the server, then OpenIddict sends them
/// back to the service with its state, or to Sesame's sign-in page when the service named no address.
/// </summary>
public static class EndSession
{
    public static IEndpointRouteBuilder MapEndSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/" + OidcServices.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], async (HttpContext context, SignInManager<SesameUser> signIn) =>
        {
            if (context.GetOpenIddictServerResponse() is { Error: not null })
            {
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }

            await signIn.SignOutAsync();
            return Results.SignOut(
                new AuthenticationProperties { RedirectUri = "/?avis=SignIn.Notice.SignedOut" },
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        return endpoints;
    }
}
