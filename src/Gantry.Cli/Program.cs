return Gantry.Cli.GantryCommand.Run(args);
