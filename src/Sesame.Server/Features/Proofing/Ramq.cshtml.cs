using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;
using Sesame.Registries;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// "Vérification de votre identité par la Régie de l'assurance maladie du Québec" (seed 002): the NAM, the
/// card's sequential number and expiry, and the 4-digit activation key RAMQ mails; a person without a key asks
/// RAMQ for one here (required for Carnet santé Québec, seed 002).
/// </summary>
public sealed class RamqModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : ProofingPageModel(workflow, users)
{
    [BindProperty]
    public RamqInput Input { get; set; } = new();

    public string MaskedNam => Person is null ? "" : HealthInsuranceNumber.Mask(Person.Nam);

    /// <summary>A key was just asked for.</summary>
    public bool KeyRequested { get; private set; }

    public override IReadOnlyList<string> NoMatchLines => ["Proofing.Outcome.NoMatch"];

    protected override ProofingStep Step => ProofingStep.RamqActivationKey;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await EnterAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostKeyAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        var result = await Workflow.RequestLetterAsync(Account, Case!, LetterKind.ActivationKey, cancellationToken);
        KeyRequested = result.Outcome == StepOutcome.Advanced;
        return KeyRequested ? Page() : Show(result);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (!HealthCardNumbers.IsValidSequentialNumber(Input.SequentialNumber, out var sequential))
        {
            ModelState.AddModelError("Input.SequentialNumber", Text["Proofing.Ramq.Sequential.Invalid"]);
        }

        if (!HealthCardNumbers.TryParseExpiry(Input.Expiry, out var expiry))
        {
            ModelState.AddModelError("Input.Expiry", Text["Proofing.Ramq.Expiry.Invalid"]);
        }

        if (!HealthCardNumbers.IsValidActivationKey(Input.ActivationKey, out var key))
        {
            ModelState.AddModelError("Input.ActivationKey", Text["Proofing.Ramq.Key.Invalid"]);
        }

        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", Text["Proofing.Consent.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var result = await Workflow.CheckActivationKeyAsync(Account, Case!, sequential, expiry, key, cancellationToken);
        return result.Outcome is StepOutcome.Advanced or StepOutcome.Identified ? ToCurrentStep() : Show(result);
    }

    public sealed class RamqInput
    {
        public string? SequentialNumber { get; set; }

        public string? Expiry { get; set; }

        public string? ActivationKey { get; set; }

        public bool Consent { get; set; }
    }
}
