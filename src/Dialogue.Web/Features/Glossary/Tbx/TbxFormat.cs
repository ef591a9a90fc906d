using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>TBX-Basic's picklist values and how Dialogue's fields map onto them.</summary>
public static class TbxFormat
{
    public const string Namespace = "urn:iso:std:iso:30042:ed-2";
    public const string ConceptIdPrefix = "c";

    /// <summary>
    /// TBX-Basic has no "proposed" status: a proposed term is written without administrativeStatus, and a term read
    /// without one is imported as proposed, so editors review it before it is linked into posts.
    /// </summary>
    public static string? AdministrativeStatus(TermStatus status) => status switch
    {
        TermStatus.Preferred => "preferredTerm-admn-sts",
        TermStatus.Admitted => "admittedTerm-admn-sts",
        TermStatus.Deprecated => "deprecatedTerm-admn-sts",
        TermStatus.Superseded => "supersededTerm-admn-sts",
        _ => null,
    };

    public static TermStatus? StatusOf(string administrativeStatus) => administrativeStatus.Trim() switch
    {
        "preferredTerm-admn-sts" => TermStatus.Preferred,
        "admittedTerm-admn-sts" => TermStatus.Admitted,
        "deprecatedTerm-admn-sts" => TermStatus.Deprecated,
        "supersededTerm-admn-sts" => TermStatus.Superseded,
        _ => null,
    };

    /// <summary>TBX-Basic lists no proper noun: one is written as a noun.</summary>
    public static string? PartOfSpeechValue(PartOfSpeech partOfSpeech) => partOfSpeech switch
    {
        PartOfSpeech.Noun or PartOfSpeech.ProperNoun => "noun",
        PartOfSpeech.Verb => "verb",
        PartOfSpeech.Adjective => "adjective",
        PartOfSpeech.Adverb => "adverb",
        PartOfSpeech.Other => "other",
        _ => null,
    };

    public static PartOfSpeech? PartOfSpeechOf(string value) => value.Trim() switch
    {
        "noun" => PartOfSpeech.Noun,
        "verb" => PartOfSpeech.Verb,
        "adjective" => PartOfSpeech.Adjective,
        "adverb" => PartOfSpeech.Adverb,
        "other" => PartOfSpeech.Other,
        _ => null,
    };
}
