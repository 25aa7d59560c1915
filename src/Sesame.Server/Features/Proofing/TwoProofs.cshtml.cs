using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// "Compléter le processus d'identification" (seed 001): section 1, the notice of assessment, checked by
/// Revenu Québec; section 2, the health card's or the driver's licence's reference number, checked by the
/// RAMQ or the SAAQ. Each proof has its own consent naming the registry and exactly what it receives, and
/// nothing is sent for a proof whose consent is not ticked.
/// </summary>
public sealed class TwoProofsModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : ProofingPageModel(workflow, users)
{
    [BindProperty]
    public ProofsInput Input { get; set; } = new();

    protected override ProofingStep Step => ProofingStep.TwoProofs;

    private List<string> _noMatch = [];

    public override IReadOnlyList<string> NoMatchLines => [.. _noMatch, "Proofing.Outcome.NoMatch"];

    public string FirstField => "Input.First";

    public string SecondField => "Input.Second";

    public ChoiceModel NoticeChoice => First(FirstSectionChoice.NoticeOfAssessment, "Proofing.Section1.Notice");

    public ChoiceModel FirstNoneChoice => First(FirstSectionChoice.NoneAtHand, "Proofing.Section1.None");

    public ChoiceModel CardChoice => Second(SecondSectionChoice.HealthCardReference, "Proofing.Section2.Card");

    public ChoiceModel LicenceChoice => Second(SecondSectionChoice.LicenceReference, "Proofing.Section2.Licence");

    public ChoiceModel SecondNoneChoice => Second(SecondSectionChoice.NoneAtHand, "Proofing.Section2.None");

    private ChoiceModel First(FirstSectionChoice choice, string label) => new(FirstField, choice.ToString(), label, Input.First == choice);

    private ChoiceModel Second(SecondSectionChoice choice, string label) => new(SecondField, choice.ToString(), label, Input.Second == choice);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Input.First = Case!.FirstSection;
        Input.Second = Case.SecondSection;
        return Page();
    }

    /// <summary>"Autres façons de vous identifier": switches to one of seed 002's routes.</summary>
    public async Task<IActionResult> OnPostRouteAsync(ProofingRoute route, CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Case = await Workflow.StartAsync(Account, Enum.IsDefined(route) ? route : ProofingRoute.TwoProofs, null, cancellationToken);
        return ToCurrentStep();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        string? notice = null;
        string? reference = null;
        switch (Input.First)
        {
            case FirstSectionChoice.NoticeOfAssessment:
                if (!NoticeOfAssessmentNumber.IsValid(Input.NoticeNumber, out var n))
                {
                    ModelState.AddModelError("Input.NoticeNumber", Text["Proofing.Notice.Invalid"]);
                }

                RequireConsent(Input.NoticeConsent, "Input.NoticeConsent");
                notice = n;
                break;
            case FirstSectionChoice.NoneAtHand:
                break;
            default:
                ModelState.AddModelError("Input.First", Text["Proofing.Choice.Required"]);
                break;
        }

        switch (Input.Second)
        {
            case SecondSectionChoice.HealthCardReference:
                if (!HealthCardNumbers.IsValidReferenceNumber(Input.CardReference, out var card))
                {
                    ModelState.AddModelError("Input.CardReference", Text["Proofing.CardReference.Invalid"]);
                }

                RequireConsent(Input.CardConsent, "Input.CardConsent");
                reference = card;
                break;
            case SecondSectionChoice.LicenceReference:
                if (!LicenceReferenceNumber.IsValid(Input.LicenceReference, out var licence))
                {
                    ModelState.AddModelError("Input.LicenceReference", Text["Proofing.LicenceReference.Invalid"]);
                }

                RequireConsent(Input.LicenceConsent, "Input.LicenceConsent");
                reference = licence;
                break;
            case SecondSectionChoice.NoneAtHand:
                break;
            default:
                ModelState.AddModelError("Input.Second", Text["Proofing.Choice.Required"]);
                break;
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var result = await Workflow.CheckTwoProofsAsync(Account, Case!, Input.First, notice, Input.Second, reference, cancellationToken);
        if (result.Outcome is StepOutcome.Advanced or StepOutcome.Identified)
        {
            return ToCurrentStep();
        }

        _noMatch = NoMatchedSections();
        return Show(result);
    }

    /// <summary>Which registry did not confirm, from the answers just recorded.</summary>
    private List<string> NoMatchedSections()
    {
        var latest = ProofingEvidence.Latest(Case!.Evidence).ToDictionary(e => e.Kind, e => e.Outcome);
        var lines = new List<string>();
        void Add(EvidenceKind kind, string line)
        {
            if (latest.TryGetValue(kind, out var outcome) && outcome == EvidenceOutcome.NoMatch)
            {
                lines.Add(line);
            }
        }

        if (Input.First == FirstSectionChoice.NoticeOfAssessment)
        {
            Add(EvidenceKind.NoticeOfAssessmentRecent, "Proofing.Outcome.NoMatch.Notice");
        }

        if (Input.Second == SecondSectionChoice.HealthCardReference)
        {
            Add(EvidenceKind.HealthCardReference, "Proofing.Outcome.NoMatch.Card");
        }
        else if (Input.Second == SecondSectionChoice.LicenceReference)
        {
            Add(EvidenceKind.LicenceReference, "Proofing.Outcome.NoMatch.Licence");
        }
        return lines;
    }

    private void RequireConsent(bool consent, string field)
    {
        if (!consent)
        {
            ModelState.AddModelError(field, Text["Proofing.Consent.Required"]);
        }
    }

    public sealed class ProofsInput
    {
        public FirstSectionChoice First { get; set; }

        public string? NoticeNumber { get; set; }

        public bool NoticeConsent { get; set; }

        public SecondSectionChoice Second { get; set; }

        public string? CardReference { get; set; }

        public bool CardConsent { get; set; }

        public string? LicenceReference { get; set; }

        public bool LicenceConsent { get; set; }
    }
}
