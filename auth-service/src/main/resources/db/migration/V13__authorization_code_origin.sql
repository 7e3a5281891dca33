-- Where the browser that was given a code signed in from (its address and user agent), so the session the code
-- produces shows the user's device, not the client back end that redeemed it.
ALTER TABLE authorization_codes ADD COLUMN client_address text;
ALTER TABLE authorization_codes ADD COLUMN user_agent text;
