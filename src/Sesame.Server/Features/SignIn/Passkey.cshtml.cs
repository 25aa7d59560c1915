using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// Signing in with a passkey (issue 5; W3C WebAuthn): alone from the sign-in page, where any passkey of
/// Sesame may answer, or as the second step after a password, where only that account's passkeys may. A
/// passkey with user verification is possession and a PIN or biometric, so it is a complete sign-in.
/// Needs JavaScript (the browser's WebAuthn API); without it the page offers the other factors.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class PasskeyModel(
    UserManager<SesameUser> users,
    SecondFactors factors,
    PasskeyCeremonies passkeys,
    SessionOpener opener,
    PendingSteps steps) : SesamePageModel
{
    [BindProperty]
    public PasskeyInput Passkey { get; set; } = new();

    [FromQuery(Name = "retour")]
    public string? ReturnUrl { get; set; }

    /// <summary>The account of the password step, when this is the second step; null for a passkey alone.</summary>
    public FactorSet? Factors { get; private set; }

    public bool Failed { get; private set; }

    /// <summary>The second step of a professional's sign-in (no account recovery by e-mail for them).</summary>
    public bool IsProfessional { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    /// <summary>The challenge for <c>navigator.credentials.get()</c>, fetched by the page's script.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        var pending = await PendingUserAsync();
        var challenge = await passkeys.BeginAssertionAsync(pending, HttpContext);
        return new JsonResult(new { options = challenge.Options, state = challenge.State });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var step = steps.Current(HttpContext, PendingPurpose.SecondFactor);
        var user = await passkeys.FinishAssertionAsync(Passkey.Credential, Passkey.State, HttpContext);
        // A citizen's passkey may sign in alone; a professional's only after their password, at their own sign-in
        // page (decision 0014: each population signs in at its own page).
        var admitted = user is not null && (user.Population == AccountPopulation.Citizen ? user.EmailConfirmed : step is not null);
        if (user is null || !admitted || (step is not null && user.Id != step.UserId) || await users.IsLockedOutAsync(user))
        {
            Failed = true;
            await ReloadAsync();
            return Rejected();
        }

        await users.ResetAccessFailedCountAsync(user);
        await opener.OpenAsync(HttpContext, user, SignInMethod.Passkey, step?.RememberMe ?? false, trustBrowser: false, cancellationToken);
        steps.End(HttpContext);
        var returnUrl = step?.ReturnUrl ?? (Languages.IsLocalPath(ReturnUrl) ? ReturnUrl : null);
        return LocalRedirect(returnUrl ?? "/compte");
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        var pending = await PendingUserAsync();
        Factors = pending is null ? null : await factors.OfAsync(pending);
        IsProfessional = pending?.Population == AccountPopulation.Professional;
        return null;
    }

    private async Task<SesameUser?> PendingUserAsync() =>
        steps.Current(HttpContext, PendingPurpose.SecondFactor) is { } step ? await users.FindByIdAsync(step.UserId.ToString()) : null;
}

/// <summary>What the page's script sends back: the browser's answer, and the encrypted challenge it answers.</summary>
public sealed class PasskeyInput
{
    public string? Credential { get; set; }

    public string? State { get; set; }

    /// <summary>The name the person gives a new passkey ("Téléphone de Marie"), when registering one.</summary>
    public string? Name { get; set; }
}
