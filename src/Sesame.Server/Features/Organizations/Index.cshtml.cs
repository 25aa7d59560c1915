using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;
using Sesame.Core.Organizations;

namespace Sesame.Server.Features.Organizations;

/// <summary>
/// A professional's organizations: the services granted in each, and, where the account is a designated
/// representative, the way to "Inscription d'utilisateurs par un représentant désigné" (seed 004).
/// </summary>
public sealed class IndexModel(SesameDbContext db, RepresentativeScope scope, TimeProvider time) : ProfessionalPageModel
{
    /// <summary>Today in Québec, against which the validity periods of granted services are read.</summary>
    public DateOnly Today { get; private set; }

    public IReadOnlyList<MembershipView> Memberships { get; private set; } = [];

    public IReadOnlyDictionary<string, ProfessionalService> Catalogue { get; private set; } = new Dictionary<string, ProfessionalService>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = scope.AccountOf(User);
        Today = ServiceDays.Today(time);
        Catalogue = await db.ProfessionalServices.AsNoTracking().ToDictionaryAsync(s => s.Code, cancellationToken);
        Memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == me)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new MembershipView(o.Id, o.Name, o.Kind, m.IsDesignatedRepresentative, m.Services.ToList()))
            .ToListAsync(cancellationToken);
    }

    public sealed record MembershipView(Guid OrganizationId, string Name, OrganizationKind Kind, bool IsRepresentative, List<MembershipService> Services);
}
