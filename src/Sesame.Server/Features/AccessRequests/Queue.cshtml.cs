using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Access;
using Sesame.Core.Data;
using Sesame.Server.Features.Admin;
using Sesame.Server.Features.Shared;

namespace Sesame.Server.Features.AccessRequests;

/// <summary>
/// The operators' queue of access requests the authorizer confirmed (seed 003, section 4 "à l'usage de la RAMQ").
/// It lists reference numbers, organizations and services only: the names are read on the request itself, which
/// records the reading.
/// </summary>
[Authorize(Roles = JournalModel.OperatorRole)]
public sealed class QueueModel(SesameDbContext db) : SesamePageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "avis")]
    public string? Notice { get; set; }

    /// <summary>The resource key of the notice after a decision, if the query names a known one.</summary>
    public string? NoticeKey => Notice switch { "approuvee" => "Access.Queue.Approved", "refusee" => "Access.Queue.Rejected", _ => null };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var confirmed = await db.AccessRequests.AsNoTracking()
            .Where(r => r.State == AccessRequestState.Confirmed)
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.Id, r.ReferenceNumber, r.SubmittedAt, r.AuthorizerAnsweredAt, Organization = o.Name, r.Services })
            .ToListAsync(cancellationToken);
        // SQLite cannot order by a DateTimeOffset column, so the (short) queue is ordered here: oldest first.
        Rows = [.. confirmed.OrderBy(r => r.AuthorizerAnsweredAt).Select(r => new Row(r.Id, AccessRequestRules.DisplayReference(r.ReferenceNumber), r.Organization, r.Services, r.SubmittedAt))];
    }

    public sealed record Row(Guid Id, string Reference, string Organization, string Services, DateTimeOffset SubmittedAt);
}
