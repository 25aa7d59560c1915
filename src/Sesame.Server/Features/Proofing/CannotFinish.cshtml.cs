using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// Neither proof at hand (seed 001): the person cannot finish online and is told plainly what else to do
/// (seed 002: "vous serez redirigé vers le site du ministère ou de l'organisme … D'autres modalités").
/// </summary>
public sealed class CannotFinishModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : ProofingPageModel(workflow, users)
{
    protected override ProofingStep Step => ProofingStep.CannotFinishOnline;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await EnterAsync(cancellationToken) ?? Page();
}
