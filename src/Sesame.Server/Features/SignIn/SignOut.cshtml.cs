using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sesame.Core.Accounts;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// Signing out removes the session from the server (the ticket store deletes its row), so a copied cookie
/// is worthless afterwards (issue 2: "sign-out that ends the session on the server").
/// </summary>
/// <remarks>
/// Antiforgery is checked by hand: the idle warning's script signs out when the 15 minutes are up, and by then
/// the server has usually ended the session already, so the token (issued to a signed-in person) no longer
/// matches. With nobody signed in there is nothing to forge, and the person is simply told why.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class SignOutModel(SignInManager<SesameUser> signIn, IAntiforgery antiforgery) : PageModel
{
    public void OnGet()
    {
    }

    /// <param name="reason"><c>inactivite</c> when the page's script signs out an idle session.</param>
    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "raison")] string? reason)
    {
        if (User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        await signIn.SignOutAsync();
        return Redirect(reason == "inactivite" ? "/?avis=SignIn.Notice.SessionExpired" : "/?avis=SignIn.Notice.SignedOut");
    }
}
