using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>"Mon activité" (issue 7): the person's own audit records, newest first: what happened, when, from where.</summary>
[CitizensOnly]
public sealed class ActivityModel(SesameDbContext db, UserManager<SesameUser> users) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Records = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Subject == user.Id)
            .OrderByDescending(r => r.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
