using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;
using Sesame.Registries;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// The postal identification secret (seed 001: "Demandez un secret d'identification par la poste … Une fois
/// reçu, poursuivez"): with one proof confirmed, RAMQ mails a secret to the address it holds, and the person
/// types it back within 30 days, from any session.
/// </summary>
public sealed class PostalSecretModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : ProofingPageModel(workflow, users)
{
    [BindProperty]
    public PostalInput Input { get; set; } = new();

    /// <summary>A letter is on its way: the entry form is shown (read once the case is loaded).</summary>
    public bool Pending => Workflow.StateOf(Case).PostalSecretPending;

    /// <summary>When the mailed secret stops working, in the language of the response.</summary>
    public string ValidUntilText => Case?.PostalSecretExpiresAt?.ToLocalTime().ToString("D", CultureInfo.CurrentCulture) ?? "";

    public override IReadOnlyList<string> NoMatchLines => [Pending ? "Proofing.Postal.Secret.Wrong" : "Proofing.Postal.NotFound"];

    protected override ProofingStep Step => Pending ? ProofingStep.PostalSecretEntry : ProofingStep.PostalSecretRequest;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostRequestAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", Text["Proofing.Consent.Required"]);
            return Rejected();
        }

        var result = await Workflow.RequestLetterAsync(Account, Case!, LetterKind.PostalSecret, cancellationToken);
        return result.Outcome == StepOutcome.Advanced ? Redirect(ProofingPaths.Of(ProofingStep.PostalSecretEntry)) : Show(result);
    }

    public async Task<IActionResult> OnPostEnterAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (!PostalSecret.IsValid(Input.Secret, out var secret))
        {
            ModelState.AddModelError("Input.Secret", Text["Proofing.Postal.Secret.Invalid"]);
            return Rejected();
        }

        var result = await Workflow.EnterPostalSecretAsync(Account, Case!, secret, cancellationToken);
        return result.Outcome is StepOutcome.Advanced or StepOutcome.Identified ? ToCurrentStep() : Show(result);
    }

    private Task<IActionResult?> LoadAsync(CancellationToken cancellationToken) => EnterAsync(cancellationToken);

    public sealed class PostalInput
    {
        public bool Consent { get; set; }

        public string? Secret { get; set; }
    }
}
