using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;
using Sesame.Core.Services;

namespace Sesame.Server.Features.Services;

/// <summary>Seed 001: "Les services suivants utilisent désormais le Service d'authentification gouvernementale".</summary>
public sealed class IndexModel(SesameDbContext db) : PageModel
{
    public IReadOnlyList<RelyingParty> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Services = await db.RelyingParties.AsNoTracking().Where(r => r.Listed).OrderBy(r => r.ListOrder).ThenBy(r => r.NameFr).ToListAsync(cancellationToken);
}
