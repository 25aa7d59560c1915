using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CarnetSante.Pages;

/// <summary>
/// "Mon carnet", for a person signed in through Sesame (authorized by convention in Program): what Sesame sent,
/// and "Se déconnecter", which ends the session here and at Sesame.
/// </summary>
public sealed class MonCarnetModel : PageModel
{
    /// <summary>The identification code: the <c>sub</c> of this service's sector, the same at every visit.</summary>
    public string IdentificationCode => User.FindFirst("sub")?.Value ?? "";

    /// <summary>The assurance level Sesame reached (<c>acr</c>).</summary>
    public string AssuranceLevel => User.FindFirst("acr")?.Value ?? "";

    public string? Email => User.FindFirst("email")?.Value;

    public void OnGet()
    {
    }

    /// <summary>
    /// Signs out of this service (its cookie) and of Sesame: the handler sends the person to Sesame's
    /// end-session endpoint with the id_token as id_token_hint; Sesame returns them to /signout-callback-oidc,
    /// then here to the home page.
    /// </summary>
    public IActionResult OnPost() => SignOut(
        new AuthenticationProperties { RedirectUri = "/?avis=" + SesameSignIn.SignedOutNotice },
        CookieAuthenticationDefaults.AuthenticationScheme,
        OpenIdConnectDefaults.AuthenticationScheme);
}
