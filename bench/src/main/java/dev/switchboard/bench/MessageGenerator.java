package dev.switchboard.bench;

import dev.switchboard.bench.Fixtures.Message;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.text.Language;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates a customer message of exactly {@code length} characters that contains 1–3 keywords of a policy and no
 * other: Chinese as common characters (frequent ones more often) with punctuation, Arabic and English as everyday
 * words separated by spaces in sentences. Keywords are written in their folded form, so a bare library scan over the
 * lower-cased message finds them too. Accidental matches of other keywords (across characters or words) are found
 * with the engine itself and rewritten until none is left. Deterministic for a given seed.
 */
final class MessageGenerator {
    private static final int MAX_REPAIRS = 100_000;

    private final CompiledPolicy policy;
    private final Random random;
    private final int length;

    MessageGenerator(CompiledPolicy policy, long seed, int length) {
        this.policy = policy;
        this.random = new Random(seed);
        this.length = length;
    }

    /** A message in {@code language} with 1–3 of {@code keywords} (folded forms) planted. */
    Message generate(Language language, List<String> keywords) {
        int count = 1 + random.nextInt(3);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            String keyword = keywords.get(random.nextInt(keywords.size()));
            if (!chosen.contains(keyword)) {
                chosen.add(keyword);
            }
        }
        return language == Language.ZH ? chinese(chosen) : spaced(language, chosen);
    }

    // ---- Chinese: a character array, repaired character by character.

    private Message chinese(List<String> keywords) {
        char[] text = new char[length];
        boolean[] fixed = new boolean[length];
        int next = 0;
        while (next < length) {
            int sentence = 6 + random.nextInt(15);
            for (int i = 0; i < sentence && next < length; i++) {
                text[next++] = hanFiller();
            }
            if (next < length) {
                fixed[next] = true;
                text[next++] = Vocabulary.HAN_PUNCTUATION.charAt(random.nextInt(Vocabulary.HAN_PUNCTUATION.length()));
            }
        }
        text[length - 1] = '。';
        fixed[length - 1] = true;
        int zone = (length - 10) / keywords.size();
        int[][] planted = new int[keywords.size()][];
        for (int k = 0; k < keywords.size(); k++) {
            String keyword = keywords.get(k);
            int start = k * zone + 1 + random.nextInt(zone - keyword.length() - 1);
            keyword.getChars(0, keyword.length(), text, start);
            Arrays.fill(fixed, start, start + keyword.length(), true);
            planted[k] = new int[] {start, start + keyword.length()};
        }
        for (int round = 0; ; round++) {
            String message = new String(text);
            List<KeywordMatch> stray = stray(message, planted);
            if (stray.isEmpty()) {
                return new Message(message, keywords);
            }
            if (round > MAX_REPAIRS) {
                throw new IllegalStateException("cannot clear stray keywords from a Chinese message");
            }
            for (KeywordMatch match : stray) {
                List<Integer> free = new ArrayList<>();
                for (int i = match.start(); i < match.end(); i++) {
                    if (!fixed[i]) {
                        free.add(i);
                    }
                }
                if (free.isEmpty()) {
                    throw new IllegalStateException("planted keywords form another keyword: " + match);
                }
                text[free.get(random.nextInt(free.size()))] = hanFiller();
            }
        }
    }

    private static final double[] HAN_CUMULATIVE = hanCumulative();

    /** Zipf-like: the character of rank r is drawn with weight 1 / (r + 30). */
    private static double[] hanCumulative() {
        double[] cumulative = new double[Vocabulary.HAN.size()];
        double sum = 0;
        for (int r = 0; r < cumulative.length; r++) {
            sum += 1.0 / (r + 30);
            cumulative[r] = sum;
        }
        return cumulative;
    }

    private char hanFiller() {
        double roll = random.nextDouble() * HAN_CUMULATIVE[HAN_CUMULATIVE.length - 1];
        int at = Arrays.binarySearch(HAN_CUMULATIVE, roll);
        return Vocabulary.HAN.get(at >= 0 ? at : Math.min(-at - 1, HAN_CUMULATIVE.length - 1));
    }

    // ---- Arabic and English: sentences of words, repaired word by word.

    private static final class Token {
        String word;
        String suffix = "";
        final boolean planted;

        Token(String word, boolean planted) {
            this.word = word;
            this.planted = planted;
        }
    }

    private Message spaced(Language language, List<String> keywords) {
        List<String> filler = cleanFiller(language);
        Map<Integer, List<String>> byLength = new HashMap<>();
        filler.forEach(w ->
                byLength.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w));
        List<Token> tokens = new ArrayList<>();
        while (render(language, tokens, null).length() < length + 60) {
            int sentence = 5 + random.nextInt(10);
            for (int i = 0; i < sentence; i++) {
                Token token = new Token(filler.get(random.nextInt(filler.size())), false);
                if (language == Language.AR && i > 2 && i < sentence - 1 && random.nextInt(8) == 0) {
                    token.suffix = "،";
                }
                tokens.add(token);
            }
            tokens.getLast().suffix = random.nextInt(5) == 0 ? (language == Language.AR ? "؟" : "?") : ".";
        }
        // Plant one keyword per zone, in the first 85% of the message so that fitting the length never touches them.
        int usable = 0;
        while (render(language, tokens.subList(0, usable + 1), null).length() < length * 85 / 100) {
            usable++;
        }
        int zone = usable / keywords.size();
        for (int k = keywords.size() - 1; k >= 0; k--) {
            tokens.add(k * zone + 1 + random.nextInt(zone - 1), new Token(keywords.get(k), true));
        }
        for (int round = 0; ; round++) {
            fit(language, tokens, filler, byLength);
            int[] starts = new int[tokens.size()];
            String message = render(language, tokens, starts);
            List<int[]> plantedRanges = new ArrayList<>();
            for (int t = 0; t < tokens.size(); t++) {
                if (tokens.get(t).planted) {
                    plantedRanges.add(
                            new int[] {starts[t], starts[t] + tokens.get(t).word.length()});
                }
            }
            List<KeywordMatch> stray = stray(message, plantedRanges.toArray(int[][]::new));
            if (stray.isEmpty()) {
                return new Message(message, keywords);
            }
            if (round > MAX_REPAIRS) {
                throw new IllegalStateException("cannot clear stray keywords from a message");
            }
            for (KeywordMatch match : stray) {
                List<Token> free = new ArrayList<>();
                for (int t = 0; t < tokens.size(); t++) {
                    int end = starts[t] + tokens.get(t).word.length();
                    if (!tokens.get(t).planted && starts[t] < match.end() && end > match.start()) {
                        free.add(tokens.get(t));
                    }
                }
                if (free.isEmpty()) {
                    throw new IllegalStateException("planted keywords form another keyword: " + match);
                }
                Token token = free.get(random.nextInt(free.size()));
                List<String> same = byLength.get(token.word.length());
                token.word = same.get(random.nextInt(same.size()));
            }
        }
    }

    /** Trims or pads the end of the message (never a planted keyword) to exactly {@link #length} characters. */
    private void fit(Language language, List<Token> tokens, List<String> filler, Map<Integer, List<String>> byLength) {
        int maxWord =
                byLength.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int step = 0; step < MAX_REPAIRS; step++) {
            int have = render(language, tokens, null).length();
            if (have == length) {
                return;
            }
            Token last = tokens.getLast();
            if (have > length) {
                removeLast(tokens);
                continue;
            }
            int room = length - have;
            if (room == 1 && last.suffix.isEmpty()) {
                last.suffix = ".";
            } else if (room >= 3 && byLength.containsKey(room - 2)) {
                List<String> words = byLength.get(room - 2);
                Token end = new Token(words.get(random.nextInt(words.size())), false);
                end.suffix = ".";
                tokens.add(end);
            } else if (room - 2 > maxWord) {
                tokens.add(new Token(filler.get(random.nextInt(filler.size())), false));
            } else {
                removeLast(tokens);
            }
        }
        throw new IllegalStateException("cannot fit the message to " + length + " characters");
    }

    private static void removeLast(List<Token> tokens) {
        if (tokens.getLast().planted) {
            throw new IllegalStateException("message too short for its keywords");
        }
        tokens.removeLast();
    }

    /** Words joined by spaces; English sentences start with a capital. Fills {@code starts} if given. */
    private static String render(Language language, List<Token> tokens, int[] starts) {
        StringBuilder out = new StringBuilder();
        boolean sentenceStart = true;
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            if (t > 0) {
                out.append(' ');
            }
            if (starts != null) {
                starts[t] = out.length();
            }
            String word = token.word;
            if (sentenceStart && language == Language.EN) {
                word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            }
            out.append(word).append(token.suffix);
            sentenceStart = token.suffix.equals(".") || token.suffix.equals("?") || token.suffix.equals("؟");
        }
        return out.toString();
    }

    private final Map<Language, List<String>> cleanFiller = new HashMap<>();

    /** The everyday words of the language that contain no keyword of the policy on their own. */
    private List<String> cleanFiller(Language language) {
        return cleanFiller.computeIfAbsent(language, l -> {
            List<String> all = l == Language.AR ? Vocabulary.ARABIC_WORDS : Vocabulary.ENGLISH_WORDS;
            List<String> clean = new ArrayList<>();
            for (String word : all) {
                String capital = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
                if (policy.routing().findKeywords(word).isEmpty()
                        && policy.routing().findKeywords(capital + ".").isEmpty()) {
                    clean.add(word);
                }
            }
            return List.copyOf(clean);
        });
    }

    /**
     * The engine's matches that are not inside a planted keyword, plus the surroundings of any planted keyword that
     * the engine does not find where it was put.
     */
    private List<KeywordMatch> stray(String message, int[][] planted) {
        List<KeywordMatch> matches = policy.routing().findKeywords(message);
        List<KeywordMatch> stray = new ArrayList<>();
        boolean[] found = new boolean[planted.length];
        for (KeywordMatch match : matches) {
            boolean inside = false;
            for (int p = 0; p < planted.length; p++) {
                if (match.start() >= planted[p][0] && match.end() <= planted[p][1]) {
                    inside = true;
                    found[p] |= match.start() == planted[p][0] && match.end() == planted[p][1];
                }
            }
            if (!inside) {
                stray.add(match);
            }
        }
        for (int p = 0; p < planted.length; p++) {
            if (!found[p]) {
                // Suppressed by a neighbour (an exclusion such as 人工智能 around 人工): rewrite the neighbours.
                stray.add(new KeywordMatch(
                        "", "", Math.max(0, planted[p][0] - 2), Math.min(message.length(), planted[p][1] + 2)));
            }
        }
        return stray;
    }
}
