using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Server.Features.Shared;

namespace Sesame.Server.Features.Proofing;

/// <summary>The addresses of the identification process.</summary>
public static class ProofingPaths
{
    public const string Start = "/identification";
    public const string ReturnParameter = "retour";

    public static string Of(ProofingStep step) => step switch
    {
        ProofingStep.Introduction => Start,
        ProofingStep.PersonalInformation => "/identification/renseignements",
        ProofingStep.TwoProofs => "/identification/preuves",
        ProofingStep.PostalSecretRequest or ProofingStep.PostalSecretEntry => "/identification/secret-postal",
        ProofingStep.RevenuQuebec => "/identification/revenu-quebec",
        ProofingStep.RamqActivationKey => "/identification/ramq",
        ProofingStep.CannotFinishOnline => "/identification/autres-options",
        ProofingStep.Done => "/identification/terminee",
        _ => Start,
    };
}

/// <summary>
/// The base of every screen of the identification process: it loads the person's case and sends them to the
/// screen the step graph says they are on when they open one they may not (a bookmark, the back button,
/// a second tab), so the order of the process is never the page's to decide.
/// </summary>
public abstract class ProofingPageModel(ProofingWorkflow workflow, UserManager<SesameUser> users) : SesamePageModel
{
    protected ProofingWorkflow Workflow => workflow;

    protected SesameUser Account { get; private set; } = default!;

    protected ProofingCase? Case { get; set; }

    public PersonalInformation? Person { get; private set; }

    /// <summary>What the last step came to, shown above the form.</summary>
    public StepResult? Result { get; protected set; }

    /// <summary>The messages of a "no match", most specific first; pages add which registry said so.</summary>
    public virtual IReadOnlyList<string> NoMatchLines => ["Proofing.Outcome.NoMatch"];

    /// <summary>The screen this page is.</summary>
    protected abstract ProofingStep Step { get; }

    /// <summary>The "until" of a lock, written for the person in their language.</summary>
    public string LockedUntilText => Result?.Until is { } until
        ? until.ToLocalTime().ToString("f", CultureInfo.CurrentCulture)
        : "";

    /// <summary>Loads the case; returns where to go instead when this screen is not the person's to open now.</summary>
    protected async Task<IActionResult?> EnterAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        Account = account;
        Case = await workflow.FindAsync(account.Id, cancellationToken);
        Person = Case is null ? null : workflow.PersonOf(Case);
        var state = workflow.StateOf(Case);
        return ProofingSteps.MayOpen(Step, state) ? null : Redirect(ProofingPaths.Of(ProofingSteps.Current(state)));
    }

    /// <summary>After a step: to the screen the graph now puts the person on.</summary>
    protected IActionResult ToCurrentStep() => Redirect(ProofingPaths.Of(ProofingSteps.Current(workflow.StateOf(Case))));

    protected override async Task<IActionResult?> ReloadAsync() => await EnterAsync(HttpContext.RequestAborted);

    /// <summary>Shows the outcome of a registry step on this page, as bad input when it is the person's to fix.</summary>
    protected IActionResult Show(StepResult result)
    {
        Result = result;
        var page = Page();
        page.StatusCode = result.Outcome switch
        {
            StepOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
            StepOutcome.Locked => StatusCodes.Status429TooManyRequests,
            StepOutcome.AlreadyBound => StatusCodes.Status409Conflict,
            StepOutcome.NoMatch => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status200OK,
        };
        return page;
    }
}
