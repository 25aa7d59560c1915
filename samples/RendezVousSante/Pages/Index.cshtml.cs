using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RendezVousSante.Pages;

/// <summary>The service's home page: "Se connecter avec Sesame", and what happened on the way back.</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>One of <see cref="SesameSignIn"/>'s notices, after a refusal, a sign-out or a failure.</summary>
    [FromQuery(Name = "avis")]
    public string? Notice { get; set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }

    /// <summary>"Se connecter avec Sesame": off to Sesame, back on "Ma clinique".</summary>
    public IActionResult OnPost() =>
        Challenge(new AuthenticationProperties { RedirectUri = "/clinique" }, OpenIdConnectDefaults.AuthenticationScheme);
}
