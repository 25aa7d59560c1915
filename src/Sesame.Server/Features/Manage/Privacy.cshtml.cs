using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Location;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Confidentialité et alertes" (issue 5, item 4; seed 001's cookie and privacy page made lawful): alerts for a
/// sign-in from a new place locate the address approximately, which Québec Law 25 (A-2.1 s.65.0.1) calls a
/// function that locates a person: it is explained here, off by default, and only the person turns it on.
/// Turning it off forgets every place kept. Each change is recorded in the audit trail.
/// </summary>
[CitizensOnly]
public sealed class PrivacyModel(SesameDbContext db, UserManager<SesameUser> users, LocationAlerts places) : SesamePageModel
{
    [BindProperty]
    public PrivacyInput Input { get; set; } = new();

    /// <summary>Set after a save: the resource key of what changed.</summary>
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Input.LocationAlerts = user.LocationAlertsEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            // Only a forged form sends something other than "true" or nothing; the binder's own text is not localized.
            ModelState.Clear();
            ModelState.AddModelError("Input.LocationAlerts", Text["Privacy.Invalid"]);
            Input.LocationAlerts = user.LocationAlertsEnabled;
            return Rejected();
        }

        var enabled = Input.LocationAlerts;
        if (enabled != user.LocationAlertsEnabled)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!enabled)
            {
                await places.ForgetAsync(user.Id, cancellationToken);
            }

            user.LocationAlertsEnabled = enabled;
            Audit(new LocationAlertsChanged(enabled) { Subject = user.Id, Actor = user.Id.ToString() });
            if (!(await users.UpdateAsync(user)).Succeeded)
            {
                // Changed by another request at the same moment: nothing is kept, the page shows what is saved.
                await transaction.RollbackAsync(cancellationToken);
                return Redirect("/compte/confidentialite");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        Saved = enabled ? "Privacy.Saved.On" : "Privacy.Saved.Off";
        ModelState.Clear();
        return Page();
    }

    public sealed class PrivacyInput
    {
        public bool LocationAlerts { get; set; }
    }
}
