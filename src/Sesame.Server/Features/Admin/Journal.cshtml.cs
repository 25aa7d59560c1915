using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;

namespace Sesame.Server.Features.Admin;

/// <summary>
/// The operators' search of the audit trail (issue 7, item 3): by account, service, organization, event and
/// period. Operators are accounts with the <see cref="OperatorRole"/> role; each search is itself recorded,
/// since it reads about people.
/// </summary>
[Authorize(Roles = OperatorRole)]
public sealed class JournalModel(SesameDbContext db, UserManager<SesameUser> users) : SesamePageModel
{
    public const string OperatorRole = "Operator";
    public const int Shown = 200;

    [BindProperty(SupportsGet = true, Name = "compte")]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true, Name = "service")]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true, Name = "organisation")]
    public string? Organization { get; set; }

    [BindProperty(SupportsGet = true, Name = "evenement")]
    public string? Event { get; set; }

    [BindProperty(SupportsGet = true, Name = "du")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "au")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    public bool Searched { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var criteria = new[] { Account, Service, Organization, Event }.Any(v => !string.IsNullOrWhiteSpace(v)) || From is not null || To is not null;
        if (!criteria)
        {
            return Page();
        }

        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Account))
        {
            // By account id, or by the username or e-mail an operator was given.
            var subject = Guid.TryParse(Account, out var id) ? id : (await users.FindByNameAsync(Account.Trim()) ?? await users.FindByEmailAsync(Account.Trim()))?.Id;
            query = query.Where(r => r.Subject == subject);
        }

        if (!string.IsNullOrWhiteSpace(Service))
        {
            query = query.Where(r => r.Service == Service.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Organization))
        {
            query = query.Where(r => r.Organization == Organization.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Event))
        {
            query = query.Where(r => r.Code == Event.Trim());
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(r => r.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(r => r.OccurredAt < end);
        }

        Records = await query.OrderByDescending(r => r.Id).Take(Shown).ToListAsync(cancellationToken);
        Searched = true;
        var operatorId = users.GetUserId(User);
        Audit(new PersonalInformationRead($"audit search: {Records.Count} records") { Actor = "operator:" + operatorId, Subject = Records.Select(r => r.Subject).Distinct().Count() == 1 ? Records[0].Subject : null });
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
