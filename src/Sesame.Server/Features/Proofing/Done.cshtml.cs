using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Server.Infrastructure.Localization;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// "Processus d'identification terminé" (seed 001): then on to the consent of the service that asked, by resuming
/// its authorization request (step-up, issue 4 item 7).
/// </summary>
public sealed class DoneModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : ProofingPageModel(workflow, users)
{
    /// <summary>The service's request to resume, when a service asked for identification.</summary>
    public string? ContinueUrl => Languages.IsLocalPath(Case?.ReturnUrl) ? Case!.ReturnUrl : null;

    protected override ProofingStep Step => ProofingStep.Done;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await EnterAsync(cancellationToken) ?? Page();
}
