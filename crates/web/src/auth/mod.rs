//! Who is asking, and what they may do: passwords, session and API
//! secrets, the sign-in rate limit, and the one authorisation function.

pub mod password;
pub mod ratelimit;
pub mod token;
