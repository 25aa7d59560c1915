using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Access;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Features.AccessRequests;

/// <summary>
/// The authorizer's part of seed 003 (section 3, "J'autorise l'utilisateur ci-dessus à se servir des formulaires
/// électroniques prévus pour les applications précisées à la section 1"), reached only by the mailed link: the
/// request, the authorizer's commitments, then "Je confirme" or "Je refuse". The link works once and for seven
/// days; anything else (a forged, used or expired link) finds nothing and answers 404.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class ConfirmModel(SesameDbContext db, PersonalDataProtector protector, KeyedHasher hasher, TimeProvider time) : SesamePageModel
{
    [FromQuery(Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty]
    public bool Commit { get; set; }

    public AccessRequestView? View { get; private set; }

    /// <summary>After the answer: a resource key of what was done.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } notFound)
        {
            return notFound;
        }

        if (!Commit)
        {
            ModelState.AddModelError(nameof(Commit), Text["Access.Confirm.Commit.Required"]);
            return Rejected();
        }

        return await AnswerAsync(confirmed: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? await AnswerAsync(confirmed: false, cancellationToken);

    protected override Task<IActionResult?> ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task<IActionResult> AnswerAsync(bool confirmed, CancellationToken cancellationToken)
    {
        var request = View!.Request;
        request.State = confirmed ? AccessRequestState.Confirmed : AccessRequestState.RefusedByAuthorizer;
        request.AuthorizerAnsweredAt = time.GetUtcNow();
        Audit(new AccessRequestAuthorized(request.ReferenceNumber, confirmed) { Actor = "autorisateur", Organization = request.OrganizationId.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        Done = confirmed ? "Access.Confirm.Confirmed" : "Access.Confirm.Refused";
        return Page();
    }

    /// <summary>The request the link names, if its secret matches and it still waits for the authorizer; otherwise a 404.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var parts = Token?.Split('.', 2);
        if (parts is not [var id, var secret] || secret.Length > 100 || !Guid.TryParseExact(id, "N", out var requestId))
        {
            return Invalid();
        }

        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !request.ConfirmationOpen(hasher, secret, time.GetUtcNow()))
        {
            return Invalid();
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == request.OrganizationId, cancellationToken);
        var catalogue = await db.ProfessionalServices.AsNoTracking().ToListAsync(cancellationToken);
        View = AccessRequestView.Open(request, organization, catalogue, protector);
        return null;
    }

    private PageResult Invalid()
    {
        View = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
