/**
 * Secret scanning people can trust: every credential form the scanner knows
 * is caught, and what runbooks write in place of one passes: placeholders,
 * documented examples, values with too little variety to be random, and a
 * private key header with no key after it.
 */
import { describe, expect, test } from 'vitest';
import { entropy, isStandIn, lowVariety } from '../../../src/core/validate/placeholder-values.ts';
import { findSecrets, mask } from '../../../src/core/validate/secrets.ts';

const found = (text: string) => findSecrets('content/runbooks/x.md', text).map((d) => `${d.line}:${d.column} ${d.message}`);

/** A PEM body line of a throwaway test key: base64, varied like a real one. */
const BODY = 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcDz5Zr9Bo2xD';

describe('credentials are caught', () => {
  test.each([
    ['aws configure set aws_access_key_id AKIAZ7VRSQ4TDEXAMPL3', 'an AWS access key id: AKIA…(20 characters)'],
    ['aws_secret_access_key = Zk3Rq9LmT2vXw8YbN4cJ7hPd1sUa6eGf0iKo5WzQ', 'an AWS secret access key: Zk3R…(40 characters)'],
    ['curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLXNlY3JldA" https://api.example.com', 'a bearer token: eyJh…(62 characters)'],
    ['curl -u admin:hunter2hunter2 https://jenkins.example.com', 'a password on a curl command line: hunt…(14 characters)'],
    ['psql postgres://app:Pr0dPassw0rd@db.internal:5432/app', 'a password in a connection string: Pr0d…(12 characters)'],
    ['<!-- old token: ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 -->', 'a GitHub token: ghp_…(40 characters)'],
    ['token: ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5aa', 'a GitHub token: ghp_…(42 characters)'],
    ['Slack: xoxb-2048-4096-aBcDeFgHiJkLmNoP', 'a Slack token: xoxb…(31 characters)'],
    ['GitLab glpat-Ab3De5Fg7Hi9Jk1Lm3No', 'a GitLab token: glpa…(26 characters)'],
    ['Google AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', 'a Google API key: AIza…(39 characters)'],
    ['export KEY=AKIA2E0A8F3B244C9986', 'an AWS access key id: AKIA…(20 characters)'],
    ['https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx', 'a Slack webhook URL: http…(77 characters)'],
    ['curl -H "X-Api-Key: 9f8e7d6c5b4a39281706" https://api.example.com', 'a credential in a curl header: 9f8e…(20 characters)'],
  ])('%s', (line, message) => {
    expect(found(line).map((f) => f.replace(/^\d+:\d+ This looks like /, ''))).toEqual([message]);
  });

  test('a private key block with its body on the following lines', () => {
    expect(found(`\`\`\`\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n\`\`\`\n`)).toEqual(['2:1 This looks like a private key: ----…(35 characters)']);
    // In a YAML block scalar, indented.
    expect(found(`tls.key: |\n  -----BEGIN PRIVATE KEY-----\n  ${BODY}\n  -----END PRIVATE KEY-----\n`)).toHaveLength(1);
    // Encrypted, with its headers before the body.
    expect(found(`-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${BODY}\n-----END RSA PRIVATE KEY-----\n`)).toHaveLength(1);
    // In a JSON string, on one line.
    expect(found(`{"private_key": "-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----\\n"}`)).toHaveLength(1);
  });

  test('found on whichever line it is, the first, the last or between plain lines, with Windows line ends too', () => {
    const token = 'ghp_' + 'Zr4Yq8Lm2Nx6Wb1Vc5Td9Sf3Pg7Hk0Jq2Aab';
    const plain = Array.from({ length: 40 }, (_, i) => `Step ${i}: check the dashboard and wait.`);
    const text = [`token ${token}`, ...plain, `  export GITHUB_TOKEN=${token}x`, ...plain, `curl -u ops:Qz7pLm https://x/ ${token}y`].join('\r\n');
    expect(findSecrets('x.md', text, 5).map((d) => [d.line, d.column])).toEqual([
      [5, 7],
      [46, 23],
      [87, 31],
      [87, 1],
    ]);
  });

  test('the message never repeats a short secret whole', () => {
    expect(mask('ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5')).toBe('ghp_…(40 characters)');
    expect(mask('s3cr')).toBe('s…(4 characters)');
    expect(found('curl -u ops:Qz7 https://x')).toEqual(['1:1 This looks like a password on a curl command line: Q…(3 characters)']);
  });
});

describe('stand-ins pass', () => {
  test.each([
    // The three false alarms runbooks gave.
    "curl -u 'xxx:yyy' https://alertmanager.example/api/v2/alerts",
    'slack_api_url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'The file starts with `-----BEGIN PRIVATE KEY-----` and ends with `-----END PRIVATE KEY-----`.',
    // Placeholders and variables.
    'curl -u admin:$ADMIN_PASSWORD https://x',
    'curl -u "$USER:$(cat /run/secrets/pw)" https://x',
    'curl --user user:password https://x',
    'curl -u me:<password> https://x',
    'curl -H "Authorization: Bearer <token>" https://x',
    'curl -H "Authorization: Bearer $TOKEN" https://x',
    'curl -H "Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxx" https://x',
    'postgres://app:${DB_PASSWORD}@db/app',
    'postgres://app:{{ .Values.password }}@db/app',
    'mysql://root:changeme@db:3306',
    'amqp://guest:yourpassword@rabbit:5672/',
    'redis://:changeme@cache:6379',
    'token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'AKIAXXXXXXXXXXXXXXXX',
    'xoxb-000000000000-000000000000-XXXXXXXXXXXXXXXXXXXXXXXX',
    // Documented examples.
    'aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    // A reviewed exception.
    'export KEY=AKIA2E0A8F3B244C9986 # opsbook:allow-secret',
  ])('%s', (line) => {
    expect(found(line)).toEqual([]);
  });

  test('a private key header with no key after it', () => {
    expect(found('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n')).toEqual([]);
    expect(found('-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----\n')).toEqual([]);
    expect(found('Check the header:\n\n    -----BEGIN PRIVATE KEY-----\n\nThen run openssl.\n')).toEqual([]);
    expect(found('-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n')).toEqual([]);
  });

  test('variety: a chosen password has enough, a filler has not', () => {
    expect(lowVariety('yyy')).toBe(true);
    expect(lowVariety('T00000000')).toBe(true);
    expect(lowVariety('aaaabbbbaaaabbbbcccc')).toBe(true);
    expect(lowVariety('hunter2hunter2')).toBe(false);
    expect(lowVariety('abcdefghijklmnopqrstuvwx')).toBe(false);
    expect(entropy('abab')).toBe(1);
    expect(isStandIn('"changeme"')).toBe(true);
    expect(isStandIn('Pr0dPassw0rd')).toBe(false);
  });
});
