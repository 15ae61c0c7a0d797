"""認証情報 (岩見沢 第3条第7号): API keys and tokens by their known shapes, private keys, JWTs, and
Japanese phrasings that announce a secret (パスワードは…, PW:…, 暗証番号…)."""

from __future__ import annotations

import re

from bot.gate.recognizers.base import JapanesePatternRecognizer

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
        (_A + r"gh[pousr]_[A-Za-z0-9]{36,}" + _Z, 0.99),  # GitHub
        (_A + r"github_pat_[A-Za-z0-9_]{22,}" + _Z, 0.99),
        (_A + r"AIza[0-9A-Za-z_\-]{35}" + _Z, 0.99),  # Google API key
        (_A + r"(?:sk|pk|rk|tk|whsec)_(?:live|test)_[A-Za-z0-9]{16,}" + _Z, 0.97),  # live/test keys (Stripe style)
        (_A + r"ya29\.[0-9A-Za-z_\-]{20,}" + _Z, 0.97),  # Google OAuth access token
        (_A + r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}" + _Z, 0.97),  # JWT
        (  # a private key block; an unterminated one is masked to the end of the text
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"
            r"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|[\s\S]*)",
            0.99,
        ),
        (_A + r"(?i:bearer)\s+[A-Za-z0-9_\-.=]{20,}" + _Z, 0.9),
    )


class CredentialPhraseRecognizer(JapanesePatternRecognizer):
    """The value after パスワード/PW/暗証番号/APIキー/トークン/シークレット: only the value is masked."""

    ENTITY = "CREDENTIAL"
    _KEYWORD = (
        r"(?:パスワード|パスワ-ド|ﾊﾟｽﾜｰﾄﾞ|暗証番号|PIN|(?i:password|passwd|pass|pwd|pw)|APIキー|API\s?(?i:key)"
        r"|アクセスキー|PSK|パスフレーズ|暗号化キー|パス(?=\s*[:：=])|ロック解除(?:番号|コード)|解除番号|PINコード|シークレット(?:キー)?|(?i:secret|token|api_key|apikey)|トークン|認証コード|ワンタイムパスワード)"
    )
    PATTERNS = (
        (
            _KEYWORD
            + r"\s*(?:(?:は|が|を|:|=|：|＝|→|\s|（|\()\s*(?:「|『|\"|'|`)?|「|『)(?P<value>(?:(?![\"'`])[!-~]){4,})",
            0.95,
        ),
        # 暗証番号8623, パスワードHoge1234: Japanese keywords need no separator before the value.
        (
            r"(?:パスワード|暗証番号|ＰＩＮ|認証コード|ワンタイムパスワード)(?:は|:|：)?(?P<value>[0-9A-Za-z!-/:-@\[-`{-~]{4,})",
            0.95,
        ),
        # Pasted code and settings: "password": "…", pwd := "…", DB_PASS=…, $password = "…".
        (
            r"(?i:password|passwd|pwd|pass|secret|token|api_?key|client_secret|access_?key)[\"'\]]?[ \t]*"
            r"(?::=|=>|:|=)[ \t]*[\"'`]?(?P<value>(?:(?![\"'`;,])[!-~]){4,})",
            0.95,
        ),
        # Connection strings: postgresql://user:pass@host/db (user and password both go).
        (r"(?i:[a-z][a-z0-9+.\-]{1,20})://(?P<value>[^\s:/@]+:[^\s@/]+)@", 0.97),
        (r"(?i:ConvertTo-SecureString)\s+(?:-String\s+)?[\"'](?P<value>[^\"'\s]{4,})", 0.95),
    )
    VALUE_GROUP = "value"

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group("value")
        # 「パスワードは8文字以上」「パスワードを変更」: not a secret. A value needs something beyond
        # a short plain number or word that is an instruction.
        if re.fullmatch(r"\d{1,3}", value):
            return False
        return value.lower() not in {"none", "null", "xxxx", "****", "なし"}
