"""認証情報 (岩見沢 第3条第7号): API keys and tokens by their known shapes, private keys, JWTs,
Japanese phrasings that announce a secret (パスワードは…, PW:…, 暗証番号…), and secrets pasted without
a label (a column of passwords, a Wi-Fi key after its SSID, 「鍵は 7Gh2…」)."""

from __future__ import annotations

import re

from bot.gate.recognizers.base import JapanesePatternRecognizer
from bot.gate.recognizers.table_cells import column_header

_A = r"(?<![A-Za-z_])"  # digits may touch a key: 5678sk-proj-… is still a key
_Z = r"(?![A-Za-z0-9_\-])"


class CredentialShapeRecognizer(JapanesePatternRecognizer):
    ENTITY = "CREDENTIAL"
    PATTERNS = (
        (_A + r"sk-ant-[A-Za-z0-9_\-]{20,}" + _Z, 0.99),  # Anthropic
        (_A + r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}" + _Z, 0.97),  # OpenAI
        (_A + r"xox[abposr]-[A-Za-z0-9\-]{10,}" + _Z, 0.99),  # Slack tokens
        (_A + r"xapp-\d-[A-Za-z0-9\-]{10,}" + _Z, 0.99),  # Slack app-level token
        (r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+", 0.99),  # Slack incoming webhook
        (_A + r"(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}" + _Z, 0.99),  # AWS access key id
        (r"(?i:aws_?secret_?access_?key)\s*[:=]\s*[\"']?[A-Za-z0-9/+=]{40}", 0.99),
        (_A + r"gh[pousr]_[A-Za-z0-9]{30,}" + _Z, 0.99),  # GitHub
        (_A + r"github_pat_[A-Za-z0-9_]{22,}" + _Z, 0.99),
        (_A + r"AIza[0-9A-Za-z_\-]{30,40}" + _Z, 0.99),  # Google API key (39 characters; a few fewer when typed)
        (_A + r"IG(?:QV|AA)[0-9A-Za-z_\-]{30,}" + _Z, 0.97),  # Instagram Graph API access token
        (_A + r"(?:sk|pk|rk|tk|whsec)_(?:live|test)_[A-Za-z0-9]{16,}" + _Z, 0.97),  # live/test keys (Stripe style)
        (_A + r"ya29\.[0-9A-Za-z_\-]{20,}" + _Z, 0.97),  # Google OAuth access token
        (_A + r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}" + _Z, 0.97),  # JWT
        (  # a private key block; an unterminated one is masked to the end of the text
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"
            r"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|[\s\S]*)",
            0.99,
        ),
        (_A + r"(?i:bearer)\s+[A-Za-z0-9_\-.=]{20,}" + _Z, 0.9),
        # HTTP Basic credentials (user:password in base64); a digit or padding tells it from English words
        (_A + r"(?i:basic)[ \t]+(?=[A-Za-z+/]*[0-9+/=])[A-Za-z0-9+/]{12,}={0,2}(?![A-Za-z0-9+/=])", 0.9),
        (r"(?<![0-9])\d{6}(?:-\d{6}){7}(?![0-9])", 0.99),  # BitLocker recovery key (8 groups of 6 digits)
    )


class WebhookUrlRecognizer(JapanesePatternRecognizer):
    """An incoming-webhook address of any service (hooks.…, …/webhooks/…): whoever has it can post as the bot, so
    the whole address is a secret. Its last part must look random (letters and digits), not a page's name."""

    ENTITY = "CREDENTIAL"
    PATTERNS = (
        (r"https?://[^\s\"'<>]*?hook[^\s\"'<>]*/(?P<token>[A-Za-z0-9_\-]{12,})(?![A-Za-z0-9_\-])", 0.95),
        # Slack's shape on any host (…/services/T…/B…/secret): the last part may be short in a pasted example
        (
            r"https?://[^\s\"'<>]*?/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/(?P<token>[A-Za-z0-9_\-]{6,})(?![A-Za-z0-9_\-])",
            0.95,
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        token = match.group("token")
        return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


# A PIN changed from one value to another: {old} and {new} are filled with the value's group on either side.
_PIN_CHANGED = (
    r"(?:ロック解除|暗証番号|暗証|パスコード|PIN|解除番号)[^。\n]{{0,30}}?{old}[ 　]*を[^。\n]{{0,12}}?{new}"
    r"[ 　]*に(?:変え|変更|し)"
)


class CredentialPhraseRecognizer(JapanesePatternRecognizer):
    """The value after パスワード/PW/暗証番号/APIキー/トークン/シークレット: only the value is masked."""

    ENTITY = "CREDENTIAL"
    _KEYWORD = (
        r"(?:パスワード|パスワ-ド|ﾊﾟｽﾜｰﾄﾞ|ぱすわーど|あんしょうばんごう|暗証番号|PIN|(?i:password|passwd|pass|pwd|pw)|APIキー|API\s?(?i:key)"
        r"|アクセスキー|PSK|パスフレーズ|暗号化キー|パス(?=\s*[:：=])|ロック解除(?:番号|コード)|解除番号|PINコード|シークレット(?:キー)?|(?i:secret|token|api_key|apikey)|トークン|認証コード|ワンタイムパスワード)"
    )
    PATTERNS = (
        (
            _KEYWORD
            # トークンがこれ→ …
            + r"[ \t]*(?:(?:は|が)(?:これ|こちら)(?:です)?[ \t\u3000]*[→⇒:：]?[ \t\u3000]*(?:「|『|\"|'|`)?"
            + r"|(?:は|が|を|:|=|：|＝|→|、|,|[ \t]|（|\()[ \t]*(?:「|『|\"|'|`)?|「|『)"
            # 暗証番号(PIN)、パスフレーズ: an abbreviation in brackets names the word, it is no value
            + r"(?!(?i:pin|pw|id|otp|mfa|2fa|pass)\W)(?P<value>(?:(?![\"'`])[!-~]){4,})",
            0.95,
        ),
        # 暗証番号8623, パスワードHoge1234: Japanese keywords need no separator before the value.
        (
            r"(?:パスワード|ぱすわーど|暗証番号|あんしょうばんごう|ＰＩＮ|認証コード|ワンタイムパスワード)(?:は|:|：)?(?![(（](?i:pin|pw|id|otp|mfa|2fa)[)）])(?P<value>[0-9A-Za-z!-/:-@\[-`{-~]{4,})",
            0.95,
        ),
        # パスワードがゆきだるま2026なんですけど, パスワード　ぶんかざい１２３（全角）: a value of kana and digits,
        # closed by the sentence around it
        (
            r"(?:パスワード|ぱすわーど|暗証番号|パス)(?:(?:が|は|[:：])[ \u3000]?|[ \u3000]+)"
            r"(?P<value>[\u3041-\u30ffA-Za-z]{2,16}[0-9]{2,8}[A-Za-z0-9!-/:-@]*)"
            r"(?=なん|です|だ|で|って|と|、|。|[ \u3000(（…]|$)",
            0.9,
        ),
        # マイナンバーカードの暗証番号 … 『4桁は0825、署名用は Hanako1975』: the card's PINs named by what they unlock
        (
            r"(?:暗証番号|暗証|パスワード|PIN)[^。\n]{0,40}?(?:4桁|４桁|数字4桁|署名用|利用者証明用|券面入力補助用)"
            r"(?:の(?:暗証番号|パスワード|方))?(?:は|[:：])[ \u3000]*(?P<value>[0-9A-Za-z!-/:-@]{4,16})(?![0-9A-Za-z])",
            0.9,
        ),
        (
            r"(?:4桁|４桁)(?:の(?:暗証番号|方))?(?:は|[:：])[ \u3000]*[0-9]{4}[、,][ \u3000]*(?:署名用|利用者証明用)"
            r"(?:の(?:暗証番号|パスワード))?(?:は|[:：])[ \u3000]*(?P<value>[0-9A-Za-z!-/:-@]{6,16})(?![0-9A-Za-z])",
            0.9,
        ),
        # ぱすわーど わすれないように めもしたい sakura0402: a few words between the keyword and a value that
        # mixes letters and digits, in the same sentence.
        (
            r"(?:パスワード|ぱすわーど|暗証番号|(?i:password)|(?<![A-Za-z])(?i:pw|pwd)(?![A-Za-z]))[^。\n!-~]{1,30}?"
            r"[:=]?(?<![!-9;-<>-~])(?![:=])(?!(?i:windows|office|iphone|ios|android|excel|word|teams|outlook|chrome|edge|mac|win)\d)"
            r"(?P<value>(?=[!-~]*[A-Za-z])(?=[!-~]*[0-9])[!-~]{6,})(?![!-~])",
            0.9,
        ),
        # ぱすわーど は おおもじ の エス さくら にーぜろにーろく びっくり マーク です: a value dictated character by
        # character (a rule about what a password must mix says 混ぜる, 以上, こと … and is no value)
        (
            r"(?:パスワード|ぱすわーど|暗証番号|パス|ぱす)[ 　]*(?:は|が|[:：])[ 　]*"
            r"(?P<value>(?=[^。\n]{0,40}?(?:おおもじ|大文字|こもじ|小文字|びっくり|ビックリ|アットマーク|ハイフン|アンダーバー))"
            r"(?![^。\n]*(?:混ぜ|含め|含む|使う|使用|入れ|以上|こと|必要|よう|ください|設定|変更|桁|文字数|組み合わせ))"
            r"[^。\n]{4,60}?)(?=[ 　]*(?:です|でした|だよ|になって|。|\n|$))",
            0.9,
        ),
        # 公用スマホのロック 1 9 0 3 2 8 にした, 暗証番号、4 8 1 9: a PIN typed digit by digit after the lock it opens
        (
            r"(?:画面ロック|ロック解除|ロック|暗証番号|暗証|パスコード|(?i:pin))"
            r"(?:の|を|は)?(?:番号|コード)?(?:を|は|[:：、,])?[ \u3000]?"
            r"(?P<value>\d(?:[ \u3000・.\-]\d){3,7})(?![ \u3000・.\-]?\d)",
            0.9,
        ),
        # 合言葉がまた変わった。新しいのは「sakura-0412-Gw」: a quoted value with letters and digits soon after the word
        (
            r"(?:合言葉|パスワード|暗証番号|パスコード)[^\n]{0,30}?[「『\"]"
            r"(?P<value>(?=[^」』\"]*[0-9])(?=[^」』\"]*[A-Za-z])[!-~]{6,40}?)[」』\"]",
            0.9,
        ),
        # romaji as a phone types it: pasuwado wa hanabi2025taikai desu
        (
            r"(?i:pasuwa-?a?do|anshou[ -]?bangou?)[ \t]+(?i:wa|ga|:)[ \t]+(?P<value>(?=[!-~]*[0-9])[!-~]{4,40})",
            0.9,
        ),
        # SQL: CREATE USER … IDENTIFIED BY 'Kyu$hoku2026', ALTER ROLE … PASSWORD '…'
        (
            r"(?i:identified\s+by|(?<![A-Za-z_])password)\s+'(?P<value>[^'\s]{4,})'",
            0.95,
        ),
        # Pasted code and settings: "password": "…", pwd := "…", DB_PASS=…, $password = "…".
        (
            r"(?i:password|passwd|pwd|pass|secret(?:[_-]?key)?|private[_-]?key|token|(?:x-)?api[_-]?key|client_secret"
            r"|access[_-]?key|auth[_-]?token)[\"'\]]?[ \t]*"
            r"(?::=|=>|:|=)[ \t]*[\"'`]?(?P<value>(?:(?![\"'`;,])[!-~]){4,})",
            0.95,
        ),
        # An application ID that works as an API key (e-Stat's appId = "3f9a…", 40 characters): a long one only
        # (a Slack app's A0123ABCD is no secret)
        (
            r"(?i:app[_-]?id|application[_-]?id)[\"'\]]?[ \t]*(?::=|=>|:|=)[ \t]*[\"'`]?(?P<value>[A-Za-z0-9]{20,})",
            0.9,
        ),
        # A signature or a token in a link's query (a storage SAS URL's sig=…, X-Amz-Signature=…, ?access_token=…)
        (
            r"[?&](?i:sig|signature|x-amz-signature|x-goog-signature|access_token|token|api_?key|key)="
            r"(?P<value>[A-Za-z0-9%/+=_\-.]{16,})",
            0.95,
        ),
        # Connection strings: postgresql://user:pass@host/db (user and password both go).
        (r"(?i:[a-z][a-z0-9+.\-]{1,20})://(?P<value>[^\s:/@]+:[^\s@/]+)@", 0.97),
        (r"(?i:ConvertTo-SecureString)\s+(?:-String\s+)?[\"'](?P<value>[^\"'\s]{4,})", 0.95),
        # 初期パスは生年月日8桁（19800412）: the value in brackets a few words after the keyword
        (
            r"(?:パスワード|パス|PW|暗証番号|PIN)(?:は|が)[^。\n（(「]{0,15}[（(「](?P<value>[!-~]{4,}?)[）)」]",
            0.9,
        ),
        # ロック解除の4桁、係で共有してた 0928 を今月から 3715 に変えました: the old value and the new one
        (_PIN_CHANGED.format(old=r"(?P<value>[0-9]{4,8})", new=r"[0-9]{4,8}"), 0.9),
        (_PIN_CHANGED.format(old=r"[0-9]{4,8}", new=r"(?<![0-9])(?P<value>[0-9]{4,8})"), 0.9),
        # ロック解除の暗証番号 4 桁（0529）: the value in brackets right after the keyword and its length
        (
            r"(?:パスワード|暗証番号|PIN|パスコード)[ 　]*(?:は|が)?[ 　]*[0-9０-９]{1,2}[ 　]*(?:桁|文字)[ 　]*[（(「]"
            r"(?P<value>[!-~]{4,}?)[）)」]",
            0.9,
        ),
        # 暗証番号変えたから…新しいのは 4-7-1-9: the new value announced a few words after the keyword
        (
            r"(?:暗証番号|パスワード|PIN|パス)[^\n]{0,30}?(?:新しいの|新しいもの|新しい番号|新しいパス|変更後)"
            r"(?:は|が)[ 　:：]*(?P<value>[!-~]{4,})",
            0.9,
        ),
        # パスワードを変更しました（新：Tz8@kq41Fw）: the new value marked 新 or 変更後 with a colon
        (
            r"(?:暗証番号|パスワード|PIN|パス)[^\n]{0,30}?(?:新|新パス|変更後|新しいパスワード)[ 　]*[:：][ 　]*"
            r"(?P<value>(?=[!-~]*[0-9])[!-~]{4,}?)(?=[）)」、。\s]|$)",
            0.9,
        ),
        # 管理者パスワード、たしか admin / Fd119-Honbu2024: a user name and a password after the keyword
        (
            r"(?:パスワード|ぱすわーど|(?i:password))[^。\n!-~]{0,30}?(?<![!-~])[!-.0-~]{2,}[ 　]*/[ 　]*"
            r"(?P<value>(?=[!-~]*[A-Za-z])(?=[!-~]*[0-9])[!-~]{6,})(?![!-~])",
            0.9,
        ),
        # ログイン情報：ID / password — the second of a pair after a word for login details
        (
            r"(?:ログイン(?:情報)?|アカウント情報|認証情報|ログインID|(?i:ID)\s?[/・]\s?(?:PW|(?i:pass)|パス(?:ワード)?))"
            r"\s*[:：]?\s*(?:[!-.0-~]{3,})\s*/\s*(?P<value>[!-~]{4,})",
            0.9,
        ),
        # 管理者アカウント（hanabi-office@example.jp / Natsu8282）: an account given as its ID and password in brackets
        (
            r"(?:アカウント|ログイン|(?i:account|login))[^。\n]{0,6}[（(][ 　]*[^\s/／（）()]{3,}[ 　]*[/／][ 　]*"
            r"(?P<value>[!-(*-~]{6,})[ 　]*[）)]",
            0.9,
        ),
        # sqlcmd -S host -U sa -P value, mysql -u root -pvalue: the password option of a database client
        (r"(?i:sqlcmd|osql|bcp)\b[^\n]{0,80}?\s-P\s*(?P<value>[^\s\"']{4,})", 0.95),
        (r"(?i:mysql|mysqldump|mysqladmin)\b[^\n]{0,60}?\s-p(?P<value>[^\s\"']{4,})", 0.95),
        # パスワードは / Hk72 / -xQ9z (改行しちゃってるけど一続き): a value broken over the next lines
        (
            r"(?:パスワード|ぱすわーど|(?i:password|pw))(?:は|:|：)[ \t]*\n"
            r"(?P<value>[!-~]{2,20}(?:[ \t]*\n[!-~]{2,20}){0,3})(?=[ \t]*(?:\n|$))",
            0.9,
        ),
        # curl -u user:password, --user user:password
        (r"(?:\s|^)(?:-u|--user)\s+[\"']?[^\s:\"']+:(?P<value>[^\s\"']{4,})", 0.95),
        # 暗証（4桁：7315）: the value in brackets right after the keyword, its length said first
        # 初期パスワード（全員共通で Welcome_01）: a short qualifier in Japanese before the bracketed value
        (
            r"(?:暗証|パスワード|PIN)(?:番号)?[（(]"
            r"(?:\d+(?:桁|文字)[:：、]?|[^）)\n!-~]{1,10}?(?:で|は|[:：])[ \u3000]?)?"
            r"(?P<value>[!-~]{4,}?)[）)]",
            0.9,
        ),
        # …トークン、長いので改行なしで整形して：Xk29fL… — a long random value later in the sentence
        (
            r"(?:トークン|アクセスキー|シークレット|APIキー|(?i:token|secret|api[ _-]?key))[^。\n]{0,40}?[:：=]\s*"
            r"(?P<value>(?=[A-Za-z0-9_\-]*[A-Z])(?=[A-Za-z0-9_\-]*[a-z])(?=[A-Za-z0-9_\-]*[0-9])[A-Za-z0-9_\-]{20,})",
            0.9,
        ),
    )
    VALUE_GROUP = "value"

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group("value")
        # 「パスワードは8文字以上」「パスワードを変更」: not a secret. A value needs something beyond
        # a short plain number or word that is an instruction.
        if re.fullmatch(r"\d{1,3}", value):
            return False
        if _REFERENCE.match(value):
            return False  # os.environ["DB_PASSWORD"], ${DB_PASSWORD}, InputBox(…): where the secret is read from
        if _PLACEHOLDER_SECRET.search(value):
            return False  # your-api-key-here, changeme: a template's blank
        if re.fullmatch(r"-{1,2}[A-Za-z][A-Za-z\-]*", value) or (
            re.match(r"(?i:https?|wss?)://", value) and "@" not in value
        ):
            return False  # … $env:PASS -AsPlainText; proxy_pass http://127.0.0.1:8080: a flag, an address
        # 'secret word' game, password manager: a lower-case English word after a space is the next word of the
        # sentence, not a value (a value comes after は, :, = or a bracket, or has digits or capitals)
        if _example_after(match):
            return False
        before = match.string[match.start("value") - 1 : match.start("value")]
        if before not in "\"'`" and re.fullmatch(r"[A-Z]{3,}(?:_[A-Z0-9]+)*[,;)\]}]?", value):
            return False  # {'token': TOKEN, …}: a constant's name in code, not a quoted value
        lead = match.string[match.start() : match.start("value")]
        plain_word = re.fullmatch(r"[a-z]+[.,;:!?'\"]*", value) is not None
        if plain_word and (before in " \t" or "," in lead):  # params={"key": API_KEY, "city": …}: the next item
            return False
        if _next_listed_item(match, lead, value):
            return False
        if re.fullmatch(r"[*＊●xX×]{3,}[\"';]?", value):
            return False  # Password=******: the value already hidden by the writer
        # 「… ask for your PIN over the phone」: an English word after the keyword, not a value
        return value.lower() not in {"none", "null", "xxxx", "****", "なし", *_ENGLISH_WORDS}


_EXAMPLE_AFTER = re.compile(r"[」』\"']?(?:の?ような|みたいな|など|等の)")
_PARTICLE_AFTER = re.compile(r"(?:の|を|も|や|と|は|が|など|等)")


def _next_listed_item(match: re.Match[str], lead: str, value: str) -> bool:
    """「パスワード、Wi-Fiの設定も」: after a comma, a word without digits that a particle follows is the next item
    of a list, not a value (「パスワード、abc123」 still is one)."""
    if not lead.rstrip(" \t").endswith(("、", ",")) or any(c.isdigit() for c in value):
        return False
    return _PARTICLE_AFTER.match(match.string, match.end("value")) is not None


def _example_after(match: re.Match[str]) -> bool:
    """暗証番号を「1234」のような番号にしない: the value is an example of a bad one, not a secret."""
    return _EXAMPLE_AFTER.match(match.string, match.end("value")) is not None


_ENGLISH_WORDS = frozenset(
    {
        *("over", "with", "from", "that", "this", "when", "your", "will", "must", "should", "never", "into"),
        *("onto", "about", "they", "them", "than", "then", "code", "number", "reset", "change", "policy", "rules"),
    }
)

# Four-letter English words: four of them after "app password" are a sentence, not the password's groups.
_ENGLISH_FOURS = frozenset(
    w
    for w in _ENGLISH_WORDS
    | {"here", "mail", "apps", "have", "what", "just", "like", "sign", "step", "user", "name", "each", "only"}
    | {"also", "some", "make", "sure", "need", "used", "uses", "send", "sent", "text", "were", "been", "does"}
    if len(w) == 4
)

# A value that only says where the secret comes from (an environment variable, a prompt, a setting), not the secret.
_REFERENCE = re.compile(
    r"(?:os\.environ|os\.getenv|getenv\(|process\.env|Environment\.|System\.getenv|ENV\[|\$\{|\$\(|\$env:|%[A-Z_]+%"
    r"|InputBox|input\(|getpass|Range\(|Cells\(|config\[|settings\.|secrets\.|vault"
    r"|ConvertTo-SecureString|Get-Credential|Read-Host"
    r"|(?-i:[A-Z][A-Z0-9]*_[A-Z0-9_]+)[,;)\]}]{0,3}$"  # password=DB_PASSWORD, {API_KEY}): a constant's name
    r"|<[^<>\s]{2,40}>|\{\{|%\(|"  # <SET_IN_VAULT>, {{ secret }}, %(password)s: a template's placeholder
    r"\.env\b|[\w\-]*\.(?:env|ini|json|ya?ml|cfg|conf|toml|properties|config|txt)$)",  # .env: the file it is kept in
    re.IGNORECASE,
)


# A word that says a secret follows: the value may come after a short Japanese filler (「暗証番号は4桁で 0427」).
_SECRET_WORD = (
    r"(?:パスワード|ぱすわーど|ぱすわど|暗証番号|暗証コード|暗証|パスコード|パス|ぱす|合言葉|ホストキー|鍵|キー(?![ァ-ヺー])"
    r"|解錠(?:番号|コード)?|解除(?:番号|コード)|ロック(?:番号|コード)|錠の?(?:番号|コード)"
    r"|(?i:pin|pass(?:word|code)?|pwd|pw|key|wi-?fi|ssid))"
)
# What may stand between the word and its value: its length, or which one it is (仮の, 変更後の …).
_FILLER = (
    r"(?:\d{1,2}(?:桁|文字)|仮|初期(?:値|設定)?|既定値|デフォルト"
    r"|新しい|変更後|共通|今回|臨時|新|今月|来月|本日|今|いま|現在)(?:とも|の|で|は|が|、)?"
)
_NUMERIC_SECRET_WORD = re.compile(
    r"暗証|パスコード|(?i:pin)|解除|ロック|錠|鍵|パスワード|ぱすわーど|合言葉|(?i:code|pw|pass)"
    r"|キーボックス|ダイヤル|金庫|ロッカー|マスターコード|入室コード|ドアコード|ホストキー|(?i:host ?key)"
)
# A run of printable ASCII that starts with a letter, a digit or a symbol a password may begin with, and has
# no bracket or quote in it (those belong to the sentence around it).
_TOKEN_START = r"[0-9A-Za-z!#$%&*+=?^~@_\-]"
_TOKEN_CHAR = r"[!-~](?<![\"'`()\[\]{}<>])"
# … and ends at a space, a Japanese character or a closing bracket or quote ((admin / Passw0rd!2025)).
_TOKEN = (
    r"(?P<value>(?<!" + _TOKEN_START + r")" + _TOKEN_START + r"(?:" + _TOKEN_CHAR + r"){3,39}(?!" + _TOKEN_CHAR + r"))"
)
# A sign-in pair: a user name, a slash, then the password (admin / p@ssw0rd2024); the user part has no dot.
_SIGN_IN_PAIR = r"(?:(?<![!-~])|(?<=[(\[]))[A-Za-z][A-Za-z0-9_\-]{1,19}[ 　]*[/／][ 　]*" + _TOKEN
# Letters, digits and symbols read out in katakana, one by one.
_SPELT = (
    r"(?:エー|エイ|ビー|シー|ディー|イー|エフ|ジー|エイチ|エッチ|アイ|ジェー|ジェイ|ケー|ケイ|エル|エム|エヌ|オー|ピー|キュー|アール"
    r"|エス|ティー|ユー|ブイ|ヴィ|ダブリュー|エックス|ワイ|ゼット|ゼロ|レイ|イチ|ニ|サン|ヨン|シ|ゴ|ロク|ナナ|シチ|ハチ|キュウ|ク"
    r"|シャープ|アット|ハイフン|ドット|アンダーバー|アスタリスク|エクスクラメーション|ビックリマーク|ドル|アンド|パーセント"
    r"|大文字の?(?:[A-Z]|[ァ-ヶー]{1,5})|小文字の?(?:[a-z]|[ァ-ヶー]{1,5}))"
)
_SPELT_VALUE = re.compile(_SPELT + r"(?:[・･、 ]" + _SPELT + r")+")
_EXAMPLE = re.compile(r"(?:例|例えば|たとえば|サンプル|ダミー|(?i:e\.g\.|example|sample|dummy))\W{0,3}$")
_SYMBOLS = frozenset("!#$%&*+=?^~|<>;")


def _classes(token: str) -> int:
    return sum(
        (
            any(c.isupper() for c in token),
            any(c.islower() for c in token),
            any(c.isdigit() for c in token),
            any(c in _SYMBOLS for c in token),
        )
    )


_KEY_COMBO = re.compile(r"(?i:ctrl|alt|shift|cmd|command|option|win|fn|esc)\+")
_TEXT_SHAPE = re.compile(r"://|^[^@]+@[^@]+\.[a-z]{2,}$|^www\.|\.(?:[a-z]{2,4})$|^[\\/]|^v?\d+(?:\.\d+)+$", re.I)


def _looks_like_text(token: str) -> bool:
    """A URL, an address, a path, a file name, a version, a date or a key combination: not a secret."""
    return bool(
        _TEXT_SHAPE.search(token)
        or _KEY_COMBO.search(token)
        or (re.fullmatch(r"[0-9/:.\-]+", token) and not token.isdigit())
    )


# 初期パスワード一覧 / PWのリスト / 暗証番号表: a heading that says the lines below hold secrets
_SECRET_HEADING = re.compile(
    r"(?:パスワード|ぱすわーど|パス(?!ポート)|暗証番号|(?i:password|pw|pin))(?:の)?[^\n]{0,4}(?:一覧|リスト|表|台帳|まとめ)"
)


def _under_secret_heading(match: re.Match[str]) -> bool:
    """The listed value sits in the few lines after a heading for secrets, with no blank line between."""
    before = match.string[max(0, match.start() - 400) : match.start()]
    block = before.split("\n\n")[-1]
    return _SECRET_HEADING.search(block) is not None


class SecretTokenRecognizer(JapanesePatternRecognizer):
    """Secrets without the usual label.

    - after a secret word and a separator or a short filler (「パスはsakura2024」, 「鍵は 7Gh2kLp9Qx」,
      「暗証番号は4桁で 0427」): a token with letters and digits, or 4–8 digits after a PIN-like word;
    - after an arrow later in the line of a secret word (「Wi-Fiのパスワード… 2F会議室 → kaigi2026pass」);
    - anywhere: a token that mixes upper case, lower case, digits and a symbol, the shape of a generated
      password (a pasted account list: ``tanaka01<TAB>Xq7#mP2v``).
    """

    ENTITY = "CREDENTIAL"
    PATTERNS = (
        (
            r"(?P<word>" + _SECRET_WORD + r")(?:[（(][^）)\n]{1,12}[）)])?\s*"
            r"(?:は|が|を|:|：|=|＝|→|／|/|、(?=[\s　]*" + _FILLER + r"))?[\s　]*"  # パスワード、初期値の …
            r"(?:" + _FILLER + r"[\s　]*)?(?:「|『|\"|'|（|\()?" + _TOKEN,
            0.9,
        ),
        (_TOKEN, 0.85),
        # PINs in brackets after the word (暗証番号（1号機 0824、2号機 1193）): the first, then those after commas
        (
            r"(?P<word>暗証番号|暗証|パスコード|(?i:pin))[（(][^）)\n]{0,12}?(?<![0-9])(?P<value>[0-9]{4,8})(?![0-9])",
            0.9,
        ),
        (
            r"(?P<word>暗証番号|暗証|パスコード|(?i:pin))[（(](?:[^）)\n]{0,20}?[、,]){1,5}[^、,）)\n]{0,10}?(?<![0-9])"
            r"(?P<value>[0-9]{4,8})(?![0-9])(?=[^0-9、,）)\n]{0,4}[）)])",
            0.9,
        ),
        # a PIN read out with spaces between its digits (「暗証番号は 4 7 1 9」)
        (
            r"(?P<word>" + _SECRET_WORD + r")\s*(?:は|が|を|:|：|=|＝|→)?[\s　]*(?:" + _FILLER + r"[\s　]*)?[「『]?"
            r"(?P<value>(?<![0-9])[0-9](?:[ 　・\-][0-9]){3,7}(?![0-9]))",
            0.9,
        ),
        # … or a sentence later (「暗証番号を引継書に書くことに。4 8 1 9 です」): digits read out one by one are a PIN
        # only in such company, and the run must end the clause
        (
            r"(?P<word>暗証番号|暗証|パスコード|(?i:pin))[^\n]{0,40}?"
            r"(?P<value>(?<![0-9])[0-9](?:[ 　・][0-9]){3,7}(?![0-9]))(?=[ 　]*(?:です|だ|で|。|$))",
            0.9,
        ),
        # … or answered on the next line of a chat (管理者PWってわかる人 / [12:41] 平田: 11111111のままだったはず)
        (
            r"(?P<word>"
            + _SECRET_WORD
            + r")[^\n]{0,30}?(?:わかる|分かる|知って|教えて|何だっけ|なんだっけ|忘れ)[^\n]{0,20}\n"
            r"[^\n]{0,40}?[:：][ 　]*(?P<value>(?<![!-~])[0-9A-Za-z!#$%&*+=?^~@_\-]{4,40})(?![!-~])"
            r"(?=[ 　]*(?:のまま|です|だよ|だった|だと|で(?:す|した)|じゃ|かな|。|$))",
            0.9,
        ),
        # a value typed in groups with a note that the spaces are not part of it (B7 q9 Lx 2w（スペースは無し）)
        (
            r"(?P<word>" + _SECRET_WORD + r")[^\n]{0,12}?(?<![!-~])"
            r"(?P<value>[0-9A-Za-z]{2,4}(?: [0-9A-Za-z]{2,4}){2,5})"
            r"(?=[ 　]*[（(]?[ 　]*スペース(?:は|なし|無し|抜き|を(?:詰め|除)))",
            0.9,
        ),
        # a value spelt out letter by letter in katakana (「ゼット・ケー・ナナ・シャープ…」)
        (
            r"(?P<word>" + _SECRET_WORD + r")[^\n「]{0,12}「"
            r"(?P<value>" + _SPELT + r"(?:[・･、 ]" + _SPELT + r"){3,24})」",
            0.9,
        ),
        # a value in Japanese brackets after the word, kana allowed (「ぱすわーどは「さくら2026!」」)
        (r"(?P<word>" + _SECRET_WORD + r")\s*(?:は|が|を|:|：|=|＝)?\s*「(?P<value>[^「」\s]{4,40})」", 0.9),
        # a value in round brackets right after the word (ログインぱすわーど（szk-2027haru）)
        (r"(?P<word>" + _SECRET_WORD + r")\s*(?:は|:|：)?\s*[（(](?P<value>[^（）()\s]{4,40})[）)]", 0.9),
        # a PIN quoted from what somebody said (暗証番号を忘れたとのことで「たぶん 7294 だったと思う」); not an example
        # of a bad one (「1234」のような番号)
        (
            r"(?P<word>暗証番号|暗証|パスコード|(?i:pin))[^\n]{0,40}?[「『][^」』\d]{0,12}?"
            r"(?P<value>(?<!\d)\d{4,8}(?!\d))[^」』\d]{0,15}[」』](?!の?ような|みたいな|など|等|は(?:避け|ダメ|NG|だめ))",
            0.9,
        ),
        # 金庫の暗証番号（4 7 1 9）: a PIN read out digit by digit in brackets right after the word
        (
            r"(?P<word>暗証番号|暗証|パスコード|(?i:pin))(?:番号)?[（(](?P<value>\d(?:[ 　・\-]\d){3,7})[）)]",
            0.9,
        ),
        # the number of a key box or a combination lock (キーボックスはダイヤル式で、番号は4-8-1-6)
        (
            # 信用金庫 and 労働金庫 are banks: their 口座番号 is an account, not a combination
            r"(?P<word>キーボックス|ダイヤル錠|ダイヤル式|南京錠|ロッカー|(?<!信用)(?<!労働)金庫)"
            r"[^。\n]{0,20}?(?<!口座)番号(?:は|が|[:：])?[ 　]*"
            # …番号が今年から4829に: a few words may say since when
            r"(?:(?:今年|今月|今日|本日|来月|[0-9]{1,2}月)から[ 　]*)?"
            r"(?P<value>(?<!\d)\d(?:[-・ ]?\d){2,7}(?!\d|[年月日時分円人件回]))",
            0.9,
        ),
        # 画面ロック解除の番号、係で共有してて 482915: the number that unlocks a device, a few words later
        (
            r"(?P<word>(?:画面)?ロック(?:の)?解除(?:の)?(?:番号|コード|PIN)|解除(?:番号|コード))[^。\n\d]{0,15}?"
            r"(?P<value>(?<!\d)\d{4,8}(?!\d|[年月日時分円人件回]))",
            0.9,
        ),
        # an electronic lock's code named as such (電子錠のマスターコード 7731-0092)
        (
            r"(?P<word>マスターコード|入室コード|ドアコード)(?:は|が|[:：])?[ 　]*"
            r"(?P<value>(?<!\d)\d(?:[-・ ]?\d){3,7}(?!\d|[年月日時分円人件回]))",
            0.9,
        ),
        # a dial's or a lock's number named as such (ダイヤル番号は 4-7-1-9, 解錠番号：0528)
        (
            r"(?P<word>ダイヤル番号|解錠番号|金庫の番号)(?:は|が|[:：])?[ 　]*"
            r"(?P<value>(?<!\d)\d(?:[-・ ]?\d){2,7}(?!\d))",
            0.9,
        ),
        # a safe's dial combination (右に37、左に12、右に80)
        (
            r"(?P<word>ダイヤル|金庫|錠)[^。\n]{0,15}?(?P<value>[右左]に?\s?(?:\d回\s?)?(?:\d{1,3}|[〇一二三四五六七八九十]{1,4})"
            r"(?:[、,・\s]+[右左]に?\s?(?:\d回\s?)?(?:\d{1,3}|[〇一二三四五六七八九十]{1,4})){1,5})",
            0.9,
        ),
        # a value in brackets that a later clause says is the password (「…」… これが今のログインパスワードです)
        (
            r"「(?P<value>[^「」\n]{4,40})」[^。\n]{0,40}(?P<word>(?:これ|それ)(?:が|は)[^。\n]{0,20}"
            r"(?:パスワード|暗証番号|PIN|パスコード))",
            0.9,
        ),
        # a value after an arrow, in the same line as a secret word (Wi-Fiのパスワード … 2F会議室 → kaigi2026pass)
        (r"(?P<word>" + _SECRET_WORD + r")[^\n]{0,60}?(?:→|->|⇒|=>)[\s　]*" + _TOKEN, 0.9),
        # a sign-in pair after the screen or account it opens (ルーター管理画面 admin / p@ssw0rd2024, 管理者アカウント
        # （admin / P@ssw0rd-Tz91）); the user part has no dot, so a site's address (example.jp/portal2026) is not
        # read as one
        (
            r"(?P<word>管理画面|ログイン|サインイン|アカウント|(?i:log-?in|sign-?in|admin (?:page|console)))"
            r"[^\n]{0,20}?" + _SIGN_IN_PAIR,
            0.9,
        ),
        # two-step sign-in backup codes listed after their name (バックアップコードです。4821 9930 / 7716 2054 / …)
        (
            r"(?P<word>(?P<codes>バックアップコード|リカバリーコード|リカバリコード|復旧コード|回復コード"
            r"|(?i:backup codes?|recovery codes?)))[^\d\n]{0,30}?\s*"
            # the view may already have joined two codes into one run of digits: groups of four, however separated
            r"(?P<value>\d{4}(?:[ 　\-/／,、\n]*\d{4}){1,19})(?!\d)",
            0.9,
        ),
        # a sign-in pair that the words after it name (root / P@ssw0rd-joho でログインできない)
        (
            _SIGN_IN_PAIR
            + r"(?=[ 　]*(?:で|を使って|を入れて|を入力して)[ 　]*(?P<word>ログイン|サインイン|入れ|入ろ|接続|認証))",
            0.9,
        ),
        # an e-mail address and its password written as a pair after a secret word (メールのパス … taro@example.jp /
        # tanaka0412)
        (
            r"(?P<word>" + _SECRET_WORD + r")[^\n]{0,40}?[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
            r"[ 　]*[/／][ 　]*" + _TOKEN,
            0.9,
        ),
        # a list of values under a heading that says they are passwords (初期パスワード一覧 / 第一小 Sch1-2025a):
        # a label without ASCII, then one token at the end of the line (validate looks for the heading)
        (r"(?m)^(?P<listed>[^\n!-~]{1,20}?[ \t\u3000:：|,、]+)" + _TOKEN + r"[ \t\u3000]*$", 0.9),
        # a value that begins in kana and goes on in letters, digits and symbols, after the word and a separator
        # (パスワード：はる＿２０２５＿ｓｐｒｉｎｇ, read as はる_2025_spring)
        (
            r"(?P<word>" + _SECRET_WORD + r")\s*(?:は|:|：|=|＝)\s*"
            r"(?P<value>(?P<kana>[ぁ-んァ-ヶー]{1,8})[_\-.@#!0-9](?:"
            + _TOKEN_CHAR
            + r"){3,30}(?!"
            + _TOKEN_CHAR
            + r"))",
            0.9,
        ),
        # a device left on its factory sign-in (録画機、初期設定の admin / 12345 のまま): the pair after the word
        # that says so; its password may be digits only
        (
            r"(?P<word>初期(?:設定|値|状態)|工場出荷時?|デフォルト|(?i:default))(?:の|で|は|のまま)?[^\n。]{0,8}?"
            r"(?P<pair>)" + _SIGN_IN_PAIR,
            0.9,
        ),
        # an app password in its four groups of four letters (アプリパスワード abcd efgh ijkl mnop)
        (
            r"(?P<word>アプリ ?パスワード|(?i:app(?:lication)?[ -]?(?:specific )?password))[^\n]{0,30}?(?<![!-&(-~])"
            r"(?P<value>(?P<app>[a-z]{4}(?:[ 　]?[a-z]{4}){3}))(?![!-&(-~])",  # a quote may close it ('…')
            0.9,
        ),
        # a PIN told by somebody (PIN、課長から 5391 って聞いた)
        (
            r"(?P<word>暗証番号|暗証|パスコード|(?i:pin))[^\n。]{0,20}?(?<![0-9])(?P<value>[0-9]{4,8})(?![0-9])"
            r"[ 　]*(?=って|と(?:聞|言わ|教わ|伺))",
            0.9,
        ),
        # English: "the password is …", "our API token is …"
        (
            r"(?P<word>(?i:password|passcode|pin|pin code|access code|door code|key|token|secret))"
            r"\s+(?i:is|was|will be)\s+" + _TOKEN,
            0.9,
        ),
    )
    VALUE_GROUP = "value"

    def validate(self, match: re.Match[str]) -> bool:
        if re.match(r"[A-Z][A-Z0-9_]*=", match.group("value") or ""):
            return False  # DB_PASSWORD= (left empty) then MAIL_PORT=587 on the next line: another setting
        token = match.group("value").rstrip(".,:;)]}>")
        if _PLACEHOLDER_SECRET.search(token):
            return False  # your-api-key-here, <YOUR_TOKEN>, changeme: a template's blank, not a secret
        if token.upper() == "00000JAPAN":
            return False  # the free Wi-Fi name carriers open in a disaster, published for everyone
        if _example_after(match):
            return False
        if match.groupdict().get("codes"):
            return True  # a list of backup codes: every group of digits is a way in
        word = match.groupdict().get("word")  # None: the label-less pattern
        if match.groupdict().get("listed") is not None:
            mixed = any(c.isalpha() for c in token) and any(c.isdigit() for c in token)
            return mixed and len(token) >= 6 and _under_secret_heading(match) and not _looks_like_text(token)
        if re.match(r"[右左]", token):  # a dial combination
            return True
        if match.groupdict().get("app") is not None:
            # four groups of four letters named as an app password; not a sentence (for your mail apps)
            return not any(group in _ENGLISH_FOURS for group in re.findall(r"[a-z]{4}", token))
        if _SPELT_VALUE.fullmatch(token):
            return True  # ゼット・ケー・ナナ・シャープ: a value read out letter by letter
        if word and word.startswith(("これ", "それ")):  # the bracketed value a later clause names as the password
            return any(c.isdigit() or c in _SYMBOLS for c in token)
        spaced = token.replace(" ", "").replace("　", "").replace("・", "").replace("-", "")
        if spaced.isdigit() and spaced != token:  # 4 7 1 9: only after a PIN-like word
            return 4 <= len(spaced) <= 8 and bool(_NUMERIC_SECRET_WORD.search(word or ""))
        if match.groupdict().get("kana"):  # はる_2025_spring: a digit and a letter or a symbol in the ASCII part
            rest = token[len(match.group("kana")) :]
            return any(c.isdigit() for c in rest) and any(c.isalpha() or c in "_-.@#!" for c in rest)
        if not token.isascii():  # 「さくら2026!」: a value in 「」 with a digit or a symbol in it
            quoted = match.string[match.start("value") - 1 : match.start("value")] in "「『"
            return quoted and any(c.isdigit() or c in _SYMBOLS for c in token) and not re.search(r"[。、]", token)
        if len(token) < 4 or _looks_like_text(token):
            return False
        if word is None:  # no label: only the shape of a generated password, and not an example of one
            before = match.string[max(0, match.start() - 8) : match.start()]
            settings = "=" in token or ";" in token  # Data Source=10.1.2.3;User: a setting, not a password
            # A2,Sheet2!A:C,3,FALSE: a spreadsheet formula's arguments, not a password
            settings = settings or "," in token or bool(re.search(r"![A-Z$]", token))
            return len(token) >= 8 and _classes(token) == 4 and not settings and not _EXAMPLE.search(before)
        if token.isdigit():
            named = bool(_NUMERIC_SECRET_WORD.search(word)) or match.groupdict().get("pair") is not None
            return 4 <= len(token) <= 8 and named
        has_letter = any(c.isalpha() for c in token)
        has_digit = any(c.isdigit() for c in token)
        return len(token) >= 6 and ((has_letter and has_digit) or _classes(token) >= 3)


_PLACEHOLDER_SECRET = re.compile(
    r"(?i:(?<![a-z0-9])(?:your[-_]?(?:api[-_]?)?(?:key|token|secret|password|pass)(?:[-_]?here)?"
    r"|(?:api[-_]?)?(?:key|token|password)[-_]?here|changeme)(?![a-z0-9])|x{6,})"
)
_SECRET_COLUMN = re.compile(
    r"(?:(?:画面)?(?:ロック|解除)?(?:暗証番号|暗証|パスワード|パスコード|初期パスワード|PIN|(?i:password|passcode|pin|pw))"
    r"|(?:画面)?ロック解除(?:番号|コード))"
    r"(?:[（(][^）)]{0,8}[）)])?"
)


class SecretColumnRecognizer(JapanesePatternRecognizer):
    """The cells of a pasted table's column headed 暗証番号/パスワード (Excel rows with tabs, CSV, Markdown):
    1024<TAB>公用車1号<TAB>4817 — every value in that column is a secret, whatever its row says."""

    ENTITY = "CREDENTIAL"
    PATTERNS = (
        (r"(?:^|(?<=[\t,|，]))[ \u3000]*(?P<value>[0-9A-Za-z!#$%&*+=?^~@_\-]{4,40})[ \u3000]*(?=[\t,|，]|$)", 0.9),
    )
    FLAGS = re.MULTILINE
    VALUE_GROUP = "value"

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group("value")
        if not any(c.isdigit() for c in value):
            return False
        header = column_header(match.string, match.start("value"))
        return header is not None and bool(_SECRET_COLUMN.fullmatch(header))
