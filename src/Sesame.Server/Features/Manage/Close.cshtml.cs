using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Fermer mon compte" (mission.md §4, issue 5): the account stops working at once and its personal information
/// is deleted after 30 days (<see cref="AccountClosure.GracePeriod"/>), unless the person signs in and cancels.
/// Closing asks for a second factor from the last 20 minutes, as every change to how the account is protected
/// does; cancelling does not, since the person just signed in and it only gives the account back.
/// </summary>
[CitizensOnly]
public sealed class CloseModel(UserManager<SesameUser> users, SignInManager<SesameUser> signIn, AccountClosing closing, TimeProvider time) : SesamePageModel
{
    public const string Path = "/compte/fermer";

    [BindProperty]
    public CloseInput Input { get; set; } = new();

    /// <summary>Set while a closure is pending: when the account will be deleted.</summary>
    public string? DeletionDate { get; private set; }

    /// <summary>When the account would be deleted if closed now.</summary>
    public string DeletionDateIfClosedNow { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (RequireRecentSecondFactorAttribute.Demand(HttpContext) is { } verify)
        {
            return verify;
        }

        if (await ReloadAsync() is { } leave)
        {
            return leave;
        }

        var user = (await users.GetUserAsync(User))!;
        if (user.ClosureRequestedAt is not null)
        {
            // Already closed (a second tab): nothing to do again.
            return Redirect("/compte");
        }

        ModelState.Clear();
        if (!Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", Text["Close.Confirm.Required"]);
            return Rejected();
        }

        await closing.CloseAsync(user, cancellationToken);
        // The session row is already gone; this also deletes the cookie.
        await signIn.SignOutAsync();
        return Redirect("/?avis=SignIn.Notice.Closed");
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.ClosureRequestedAt is not null && !await closing.CancelAsync(user))
        {
            // Changed by another request at the same moment: show the page as it is now.
            return await ReloadAsync() ?? Page();
        }

        return Redirect("/compte?avis=Manage.Closure.Cancelled");
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        DeletionDate = user.ClosureRequestedAt is { } requested ? closing.DateText(AccountClosure.DeletionDue(requested)) : null;
        DeletionDateIfClosedNow = closing.DateText(AccountClosure.DeletionDue(time.GetUtcNow()));
        return null;
    }

    public sealed class CloseInput
    {
        /// <summary>"Je comprends que mon compte sera fermé…": required, so that a stray click closes nothing.</summary>
        public bool Confirm { get; set; }
    }
}
