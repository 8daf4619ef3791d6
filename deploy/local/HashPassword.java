/**
 * Prints the bcrypt hash (Modular Crypt Format) of each argument, for DRIP_CONSOLE_USERS; run with
 * console-service's libraries on the class path (deploy/local/demo does):
 *   java -cp 'console-service/target/quarkus-app/lib/main/*' deploy/local/HashPassword.java PASSWORD
 */
public class HashPassword {
    public static void main(String[] passwords) {
        for (String password : passwords) {
            System.out.println(io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(password));
        }
    }
}
