using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;

namespace Sesame.Core.Organizations;

/// <summary>An organization as services see it: its public code and name, never its internal id (docs/decisions/0016).</summary>
public sealed record GrantedOrganization(string Code, string Name, IReadOnlyList<string> Services);

/// <summary>
/// Where a professional holds a given service (mission.md §5: "Services receive the person's organizations and
/// granted services"). Only the organizations where that service is granted are named, and only that service:
/// a service learns what it needs and no more (Loi sur l'accès, art. 64; docs/decisions/0016).
/// </summary>
public static class ProfessionalGrants
{
    /// <param name="today">The day in Québec: a grant outside its validity period (seed 003) is not in force.</param>
    public static async Task<IReadOnlyList<GrantedOrganization>> ForAsync(SesameDbContext db, Guid userId, string serviceCode, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await (
            from membership in db.Memberships
            where membership.UserId == userId && membership.Services.Any(s => s.ServiceCode == serviceCode
                && (s.ValidFrom == null || s.ValidFrom <= today) && (s.ValidUntil == null || s.ValidUntil >= today))
            join organization in db.Organizations on membership.OrganizationId equals organization.Id
            select new { organization.Code, organization.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new GrantedOrganization(r.Code, r.Name, [serviceCode]))];
    }
}

/// <summary>Calendar days as people in Québec count them, for validity periods (the clock's local time zone).</summary>
public static class ServiceDays
{
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone).DateTime);
}
