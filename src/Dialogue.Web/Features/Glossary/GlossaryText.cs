using Dialogue.Data.Glossary;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>Names of the glossary's enumerations in the reader's language.</summary>
public static class GlossaryText
{
    public static string Status(IStringLocalizer text, TermStatus status) => status switch
    {
        TermStatus.Preferred => text["preferred"],
        TermStatus.Admitted => text["admitted"],
        TermStatus.Deprecated => text["deprecated"],
        TermStatus.Superseded => text["superseded"],
        _ => text["proposed"],
    };

    public static string PartOfSpeech(IStringLocalizer text, PartOfSpeech part) => part switch
    {
        Data.Glossary.PartOfSpeech.Noun => text["noun"],
        Data.Glossary.PartOfSpeech.Verb => text["verb"],
        Data.Glossary.PartOfSpeech.Adjective => text["adjective"],
        Data.Glossary.PartOfSpeech.Adverb => text["adverb"],
        Data.Glossary.PartOfSpeech.ProperNoun => text["proper noun"],
        Data.Glossary.PartOfSpeech.Other => text["other"],
        _ => text["unspecified"],
    };

    public static string Proposal(IStringLocalizer text, ProposalStatus status) => status switch
    {
        ProposalStatus.Open => text["open"],
        ProposalStatus.Accepted => text["accepted"],
        ProposalStatus.Rejected => text["rejected"],
        _ => text["changes requested"],
    };
}
