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

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/?avis=SignIn.Notice.SignedOut");
    }
}
