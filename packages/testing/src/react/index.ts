export { TestAuthProvider, type TestAuthProviderProps } from './TestAuthProvider.js'
