namespace Dialogue.Data.Glossary;

/// <summary>TBX-Basic's partOfSpeech picklist. Stored as its number.</summary>
public enum PartOfSpeech
{
    Unspecified = 0,
    Noun = 1,
    Verb = 2,
    Adjective = 3,
    Adverb = 4,
    ProperNoun = 5,
    Other = 6,
}
