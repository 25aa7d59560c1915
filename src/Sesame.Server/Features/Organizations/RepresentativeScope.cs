using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Organizations;

namespace Sesame.Server.Features.Organizations;

/// <summary>
/// The one way into an organization from the representative's console: only an organization of which the
/// signed-in account is a designated representative is found (quality.md "access": no object reached by id
/// alone). Every user, membership or invitation is then looked up under that organization's id.
/// </summary>
public sealed class RepresentativeScope(SesameDbContext db, UserManager<SesameUser> users)
{
    public Guid? AccountOf(ClaimsPrincipal principal) => Guid.TryParse(users.GetUserId(principal), out var id) ? id : null;

    public async Task<Organization?> OrganizationAsync(ClaimsPrincipal principal, Guid organizationId, CancellationToken cancellationToken)
    {
        if (AccountOf(principal) is not { } me)
        {
            return null;
        }

        return await db.Organizations
            .Include(o => o.Services)
            .Where(o => o.Id == organizationId
                && db.Memberships.Any(m => m.OrganizationId == o.Id && m.UserId == me && m.IsDesignatedRepresentative))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
