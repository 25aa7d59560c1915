using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// The second step of signing in for an account with a strong factor (issue 5): a code typed from an
/// authenticator app or from the list of recovery codes. Wrong codes count towards the account's lockout, as
/// wrong e-mailed codes do; "trust this browser" skips this step for 30 days.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public abstract class SecondFactorPageModel(
    UserManager<SesameUser> users,
    SecondFactors factors,
    SessionOpener opener,
    PendingSteps steps) : SesamePageModel
{
    [BindProperty]
    public FactorInput Input { get; set; } = new();

    public FactorSet Factors { get; private set; } = new(false, 0, 0);

    /// <summary>
    /// A professional finishing their sign-in (issue 6): no "trust this browser" (every access to their services is
    /// recorded and their sign-in never skips this step), and their own sign-in page to go back to.
    /// </summary>
    public bool IsProfessional { get; private set; }

    public string SignInPage => IsProfessional ? "/professionnels/connexion" : "/";

    /// <summary>A resource key shown as an alert above the form.</summary>
    public string? Problem { get; private set; }

    protected abstract SignInMethod Method { get; }

    protected SecondFactors SecondFactors => factors;

    /// <summary>Whether the typed code is right (and, for single-use codes, spends it).</summary>
    protected abstract Task<bool> CheckAsync(SesameUser user, string? entered);

    /// <summary>A code of the wrong shape is refused before it is checked (and before it counts as a failure).</summary>
    protected abstract bool IsWellFormed(string? entered);

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, step) = await CurrentAsync();
        if (user is null || step is null)
        {
            return Expired();
        }

        Factors = await factors.OfAsync(user);
        IsProfessional = user.Population == AccountPopulation.Professional;
        if (await users.IsLockedOutAsync(user))
        {
            Problem = "Code.LockedOut";
            return Rejected();
        }

        if (!IsWellFormed(Input.Code))
        {
            ModelState.AddModelError("Input.Code", Text["Factor.Code.Format"]);
            return Rejected();
        }

        if (!await CheckAsync(user, Input.Code))
        {
            await users.AccessFailedAsync(user);
            Problem = "Factor.Code.Wrong";
            // The field shows what was posted unless its entry is dropped too: a wrong code is not written back.
            Input.Code = null;
            ModelState.Remove("Input.Code");
            return Rejected();
        }

        await users.ResetAccessFailedCountAsync(user);
        await opener.OpenAsync(HttpContext, user, Method, step.RememberMe, Input.TrustBrowser && !IsProfessional, cancellationToken);
        steps.End(HttpContext);
        return LocalRedirect(step.ReturnUrl ?? "/compte");
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        var (user, _) = await CurrentAsync();
        if (user is null)
        {
            return Expired();
        }

        Factors = await factors.OfAsync(user);
        IsProfessional = user.Population == AccountPopulation.Professional;
        return null;
    }

    private async Task<(SesameUser? User, PendingStep? Step)> CurrentAsync()
    {
        var step = steps.Current(HttpContext, PendingPurpose.SecondFactor);
        var user = step is null ? null : await users.FindByIdAsync(step.UserId.ToString());
        return (user, step);
    }

    private RedirectResult Expired() => Redirect("/?avis=SignIn.Notice.StepExpired");

    public sealed class FactorInput
    {
        public string? Code { get; set; }

        /// <summary>"Faire confiance à ce navigateur pendant 30 jours".</summary>
        public bool TrustBrowser { get; set; }
    }
}
