using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sesame.Core.Accounts;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// Signing out removes the session from the server (the ticket store deletes its row), so a copied cookie
/// is worthless afterwards (issue 2: "sign-out that ends the session on the server").
/// </summary>
public sealed class SignOutModel(SignInManager<SesameUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    /// <param name="reason"><c>inactivite</c> when the page's script signs out an idle session.</param>
    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "raison")] string? reason)
    {
        await signIn.SignOutAsync();
        return Redirect(reason == "inactivite" ? "/?avis=SignIn.Notice.SessionExpired" : "/?avis=SignIn.Notice.SignedOut");
    }
}
