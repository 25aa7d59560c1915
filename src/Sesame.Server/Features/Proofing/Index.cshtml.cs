using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Identity;
using Sesame.Core.Services;
using Sesame.Server.Infrastructure.Localization;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// "Renseignements personnels" (seed 001): what identification is, what it needs, and "Commencer le processus
/// d'identification"; seed 002's two other routes are offered below. A service's request that asked for an
/// identified person comes along in <c>retour</c> and resumes at the end.
/// </summary>
public sealed class IndexModel(ProofingWorkflow workflow, UserManager<SesameUser> users, SesameDbContext db) : ProofingPageModel(workflow, users)
{
    [BindProperty(SupportsGet = true, Name = ProofingPaths.ReturnParameter)]
    public string? ReturnUrl { get; set; }

    private RelyingParty? _service;

    /// <summary>The service that asked, named on the page (in the language of the response, hence read late).</summary>
    public string? ServiceName => _service is null ? null : Languages.Current == Languages.English ? _service.NameEn : _service.NameFr;

    protected override ProofingStep Step => ProofingStep.Introduction;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            // Already under way: remember the service that now asks, then resume where the person was.
            if (Case is { Status: ProofingStatus.Open } && Languages.IsLocalPath(ReturnUrl))
            {
                await Workflow.RememberReturnAsync(Case, ReturnUrl!, cancellationToken);
            }

            return elsewhere;
        }

        await LoadServiceNameAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(ProofingRoute route, CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (!Enum.IsDefined(route))
        {
            return BadRequest();
        }

        Case = await Workflow.StartAsync(Account, route, Languages.IsLocalPath(ReturnUrl) ? ReturnUrl : null, cancellationToken);
        return ToCurrentStep();
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        await LoadServiceNameAsync(HttpContext.RequestAborted);
        return await base.ReloadAsync();
    }

    private async Task LoadServiceNameAsync(CancellationToken cancellationToken)
    {
        if (!Languages.IsLocalPath(ReturnUrl))
        {
            return;
        }

        var clientId = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + ReturnUrl).Query)
            .GetValueOrDefault("client_id").ToString();
        _service = await db.RelyingParties.AsNoTracking().SingleOrDefaultAsync(r => r.ClientId == clientId, cancellationToken);
    }
}
