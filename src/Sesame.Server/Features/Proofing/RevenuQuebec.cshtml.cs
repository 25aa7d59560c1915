using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// "Vérification de votre identité par Revenu Québec" (seed 002): the social insurance number and a notice of
/// assessment of the last five tax years, which Revenu Québec alone confirms.
/// </summary>
public sealed class RevenuQuebecModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : ProofingPageModel(workflow, users)
{
    [BindProperty]
    public RevenuQuebecInput Input { get; set; } = new();

    public string MaskedSin => Person is null ? "" : SocialInsuranceNumber.Mask(Person.Nas);

    public override IReadOnlyList<string> NoMatchLines => ["Proofing.Outcome.NoMatch.Notice", "Proofing.Outcome.NoMatch"];

    protected override ProofingStep Step => ProofingStep.RevenuQuebec;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await EnterAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (!NoticeOfAssessmentNumber.IsValid(Input.NoticeNumber, out var notice))
        {
            ModelState.AddModelError("Input.NoticeNumber", Text["Proofing.Notice.Invalid"]);
        }

        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", Text["Proofing.Consent.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var result = await Workflow.CheckRevenuQuebecAsync(Account, Case!, notice, cancellationToken);
        return result.Outcome is StepOutcome.Advanced or StepOutcome.Identified ? ToCurrentStep() : Show(result);
    }

    public sealed class RevenuQuebecInput
    {
        public string? NoticeNumber { get; set; }

        public bool Consent { get; set; }
    }
}
