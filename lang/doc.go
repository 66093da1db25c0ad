// Package lang detects the language of a text. It is the only importer of
// github.com/pemistahl/lingua-go (v1.4.0) and returns every language lingua
// knows (75) plus Assamese, which lingua lacks but the script tells (ৰ and
// ৱ are Assamese-only letters).
//
// # How
//
// Detection runs in stages, cheapest first, and stops at the first that
// settles the language:
//
//  1. A census: one pass over the text counts the letters of each script
//     and splits words where the script changes ("GoTo-এর"). No letters,
//     an unsupported script, or fewer than Options.MinLetters letters give
//     "und" with a Reason.
//  2. Script rule: a script only one language uses decides (Bengali script:
//     Bengali, or Assamese when at least 5% of its words have ৰ/ৱ; Greek,
//     Hangul, Thai, ...; Han with kana is Japanese). Confidence 1, as
//     lingua's own rule engine gives.
//  3. English rule (Latin script): at least 40 words outside capitalised
//     names of which at least 25% are English function words ("the", "of",
//     "said"; none that other languages share, such as "in", "is", "a").
//     English news scores 0.33-0.47, other languages about 0 (Tagalog 0.13).
//  4. English stage: a Latin text with at least 15% function words is
//     scored by lingua against English, German, French, Spanish and Dutch.
//  5. Script stage: lingua against every language of the script (49 Latin,
//     8 Cyrillic, 3 Arabic, 2 Devanagari), lowest confidence Options.MinConfidence.
//
// Every lingua detector runs in low-accuracy mode (trigrams only): the 1-,
// 2-, 4- and 5-gram models cost about 20 MB per language, and lingua uses
// trigrams only anyway from 120 letters on. lingua is given a sample of at
// most Options.SampleLetters letters (200; the English stage 120) taken from
// four windows spread over the text, capitalised words left out when enough
// others remain, so its cost does not grow with the article. Because
// trigrams alone are overconfident on short texts, a text needs 40 letters
// (20 outside capitalised words) for the statistical stages, and below 120
// a confidence of 0.99: short headlines are "und" rather than Latin or
// Swedish. Each stage loads its models once, on first use.
//
// A mixed-language text reports the languages besides the main one in
// Others, with their share of the letters and up to three spans (code
// points): runs of another script of at least 3 words and 12 letters that
// read as text (in a cased script at least 40% of the words lower-case, so
// "TikTok Shop" or "Bank of America" in a Bengali story is not English),
// sentences of an English text without a single English function word that
// lingua gives another language at 0.9 or more, and sentences of a Bengali
// text with Assamese letters.
//
// # Figures
//
// Measured on the 2-core build machine with go run ./lang/internal/langmem
// (fresh process; heap after a GC, RSS from /proc) and go test -bench. CPU
// time per call is quoted because the machine was shared (load 9-14).
//
//	New:                               0.2 ms, no model loaded
//	English 5 KB article (rule):       73 µs CPU/op; heap 0.2 MB, RSS 10.5 MB
//	Bengali 5 KB article (script):     28-49 µs CPU/op; no model
//	English + Bengali quote (833 B):   12 µs CPU/op
//	short English texts (stage 4):     +5 MB heap, about 0.1-0.4 ms CPU/op
//	after all 61 en + bn eval articles: heap 5.3 MB (stage 4 checked a few
//	                                   English sentences without function words)
//	non-English Latin text (stage 5):  +40 MB heap (RSS about 85 MB),
//	                                   first call 0.3 s idle, then 1.0-1.4 ms CPU/op
//
// For comparison, plain lingua (all languages, high accuracy, lazy, whole
// text): 34-86 ms per 5 KB English article with 38.5 MB heap; a single
// 73-byte English sentence loads 772 MB of heap (1.35 GB RSS, 7-13 s); with
// every model preloaded Build takes 14 s and holds 1.0 GB heap (2.1 GB RSS).
//
// On the eval set (../shared/eval) all 30 English and 31 Bengali articles,
// the 5 facts articles and 299 of 300 Bengali NER sentences are detected
// correctly (the 300th, "তবে কে?", is too short: und); of 107 English
// highlight lines 78 are English and 29 "und", none a wrong language.
//
// # Concurrency
//
// A Detector is safe for concurrent use: lingua's detectors are values
// whose models live in lingua's package-level sync.Maps; each stage loads
// them under a sync.Once so concurrent first calls do not load twice.
package lang
